package io.tributary.spi.coordination;

import java.util.List;

/**
 * The answer to a join: the generation, the chosen protocol and, for the leader, every member's
 * protocol metadata so it can compute the assignment.
 *
 * @param skipAssignment true when the leader is a static member that rejoined a stable group and must not
 *                       compute a new assignment
 */
public record JoinResult(GroupError error, int generationId, String protocolType, String protocolName,
                         String leaderId, String memberId, boolean skipAssignment, List<JoinedMember> members) {

    /** A member as the leader sees it. */
    public record JoinedMember(String memberId, String groupInstanceId, byte[] metadata) {
    }

    public static JoinResult failed(GroupError error, String memberId) {
        return new JoinResult(error, -1, null, null, "", memberId, false, List.of());
    }
}
