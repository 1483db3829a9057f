package io.tributary.coordinator.state;

import java.util.List;

/** The durable part of a group: what a new coordinator restores it from. */
public record GroupSnapshot(String protocolType, int generationId, String protocolName, String leaderId,
                            long stateTimestamp, List<MemberSnapshot> members) {

    public GroupSnapshot {
        members = List.copyOf(members);
    }

    /** A member with the metadata of the group's protocol and its assignment. */
    public record MemberSnapshot(String memberId, String groupInstanceId, String clientId, String clientHost,
                                 int rebalanceTimeoutMs, int sessionTimeoutMs, byte[] metadata, byte[] assignment) {
    }
}
