package io.tributary.spi.coordination;

import java.util.List;

/**
 * A member asks to join a group's next generation.
 *
 * @param groupId             the group
 * @param memberId            the member's id, empty for a member joining for the first time
 * @param groupInstanceId     a static member's instance id, or null
 * @param protocolType        the kind of group (e.g. {@code consumer}); all members must agree
 * @param protocols           the protocols the member supports, preferred first
 * @param sessionTimeoutMs    how long the member may stay silent before it is removed
 * @param rebalanceTimeoutMs  how long the coordinator waits for the member to rejoin during a rebalance
 * @param requireKnownMemberId whether a new member must first obtain a member id and join again with it
 * @param clientId            the client's self-declared id
 * @param clientHost          the client's address
 */
public record JoinRequest(String groupId, String memberId, String groupInstanceId, String protocolType,
                          List<GroupProtocol> protocols, int sessionTimeoutMs, int rebalanceTimeoutMs,
                          boolean requireKnownMemberId, String clientId, String clientHost) {
    public JoinRequest {
        memberId = memberId == null ? "" : memberId;
        protocols = List.copyOf(protocols);
    }
}
