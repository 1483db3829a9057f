package io.tributary.spi.coordination;

import java.util.Map;

/**
 * A member asks for its assignment in a generation; the leader brings everyone's.
 *
 * @param protocolType null when the client does not say
 * @param protocolName null when the client does not say
 * @param assignments  member id to assignment; empty unless sent by the leader
 */
public record SyncRequest(String groupId, String memberId, String groupInstanceId, int generationId,
                          String protocolType, String protocolName, Map<String, byte[]> assignments) {
    public SyncRequest {
        assignments = Map.copyOf(assignments);
    }
}
