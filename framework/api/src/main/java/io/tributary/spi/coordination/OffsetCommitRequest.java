package io.tributary.spi.coordination;

import java.util.Map;

/**
 * Offsets to commit for a group. A generation of -1 with an empty member id commits for a group that
 * does not use the coordinator's membership (simple consumers, tools).
 */
public record OffsetCommitRequest(String groupId, String memberId, String groupInstanceId, int generationId,
                                  Map<PartitionId, CommittedOffset> offsets) {
    public OffsetCommitRequest {
        memberId = memberId == null ? "" : memberId;
        offsets = Map.copyOf(offsets);
    }
}
