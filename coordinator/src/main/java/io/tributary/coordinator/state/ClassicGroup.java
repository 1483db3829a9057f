package io.tributary.coordinator.state;

import io.tributary.spi.coordination.GroupProtocol;
import io.tributary.spi.coordination.GroupState;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A group's membership state: members, generation, chosen protocol and leader. */
final class ClassicGroup {

    final String groupId;
    GroupState state = GroupState.EMPTY;
    long stateTimestamp;
    int generationId;
    String protocolType;
    String protocolName;
    String leaderId;
    /** The initial rebalance delay is running: the join does not complete before it ends. */
    boolean initialJoinDelay;
    boolean newMemberAdded;
    private final Map<String, GroupMember> members = new LinkedHashMap<>();
    private final Set<String> pendingMembers = new HashSet<>();
    private final Map<String, String> staticMembers = new HashMap<>();

    ClassicGroup(String groupId, long now) {
        this.groupId = groupId;
        this.stateTimestamp = now;
    }

    void transition(GroupState next, long now) {
        state = next;
        stateTimestamp = now;
    }

    boolean is(GroupState candidate) {
        return state == candidate;
    }

    boolean has(String memberId) {
        return members.containsKey(memberId);
    }

    GroupMember member(String memberId) {
        return members.get(memberId);
    }

    Collection<GroupMember> members() {
        return members.values();
    }

    boolean isEmpty() {
        return members.isEmpty();
    }

    void add(GroupMember member) {
        members.put(member.memberId, member);
        if (member.instanceId != null) {
            staticMembers.put(member.instanceId, member.memberId);
        }
        if (leaderId == null) {
            leaderId = member.memberId;
        }
    }

    void remove(String memberId) {
        GroupMember removed = members.remove(memberId);
        if (removed != null && removed.instanceId != null) {
            staticMembers.remove(removed.instanceId, memberId);
        }
        if (memberId.equals(leaderId)) {
            leaderId = members.isEmpty() ? null : members.keySet().iterator().next();
        }
    }

    /** Puts {@code replacement} (the same static instance under a new id) where the old member was. */
    void replace(String oldMemberId, GroupMember replacement) {
        Map<String, GroupMember> copy = new LinkedHashMap<>(members);
        members.clear();
        copy.forEach((id, member) -> members.put(id.equals(oldMemberId) ? replacement.memberId : id,
                id.equals(oldMemberId) ? replacement : member));
        staticMembers.put(replacement.instanceId, replacement.memberId);
        if (oldMemberId.equals(leaderId)) {
            leaderId = replacement.memberId;
        }
    }

    boolean isPending(String memberId) {
        return pendingMembers.contains(memberId);
    }

    void addPending(String memberId) {
        pendingMembers.add(memberId);
    }

    boolean removePending(String memberId) {
        return pendingMembers.remove(memberId);
    }

    String staticMemberId(String instanceId) {
        return instanceId == null ? null : staticMembers.get(instanceId);
    }

    /** A static member whose instance id is now held by a different member id. */
    boolean isFenced(String memberId, String instanceId) {
        String current = staticMemberId(instanceId);
        return current != null && !current.equals(memberId);
    }

    boolean allJoined() {
        return pendingMembers.isEmpty() && members.values().stream().allMatch(m -> m.awaitingJoin != null);
    }

    int rebalanceTimeoutMs() {
        return members.values().stream().mapToInt(m -> m.rebalanceTimeoutMs).max().orElse(0);
    }

    boolean supports(String memberProtocolType, List<GroupProtocol> protocols) {
        if (members.isEmpty()) {
            return memberProtocolType != null && !memberProtocolType.isEmpty() && !protocols.isEmpty();
        }
        return memberProtocolType != null && memberProtocolType.equals(protocolType)
                && protocols.stream().anyMatch(p -> members.values().stream().allMatch(m -> m.supports(p.name())));
    }

    /** The protocol every member supports that most members prefer; ties go to the earlier preference. */
    String selectProtocol() {
        List<String> candidates = new ArrayList<>();
        GroupMember first = members.values().iterator().next();
        for (GroupProtocol protocol : first.protocols) {
            if (members.values().stream().allMatch(m -> m.supports(protocol.name()))) {
                candidates.add(protocol.name());
            }
        }
        Map<String, Integer> votes = new HashMap<>();
        for (GroupMember member : members.values()) {
            member.protocols.stream().map(GroupProtocol::name).filter(candidates::contains).findFirst()
                    .ifPresent(choice -> votes.merge(choice, 1, Integer::sum));
        }
        String best = candidates.get(0);
        for (String candidate : candidates) {
            if (votes.getOrDefault(candidate, 0) > votes.getOrDefault(best, 0)) {
                best = candidate;
            }
        }
        return best;
    }

    GroupSnapshot snapshot() {
        List<GroupSnapshot.MemberSnapshot> saved = new ArrayList<>();
        for (GroupMember m : members.values()) {
            saved.add(new GroupSnapshot.MemberSnapshot(m.memberId, m.instanceId, m.clientId, m.clientHost,
                    m.rebalanceTimeoutMs, m.sessionTimeoutMs, m.metadata(protocolName), m.assignment));
        }
        return new GroupSnapshot(protocolType, generationId, protocolName, leaderId, stateTimestamp, saved);
    }

    static ClassicGroup restore(String groupId, GroupSnapshot snapshot) {
        ClassicGroup group = new ClassicGroup(groupId, snapshot.stateTimestamp());
        group.protocolType = snapshot.protocolType();
        group.generationId = snapshot.generationId();
        group.protocolName = snapshot.protocolName();
        for (GroupSnapshot.MemberSnapshot saved : snapshot.members()) {
            GroupMember member = new GroupMember(saved.memberId(), saved.groupInstanceId(), saved.clientId(),
                    saved.clientHost(), saved.sessionTimeoutMs(), saved.rebalanceTimeoutMs(),
                    List.of(new GroupProtocol(snapshot.protocolName(), saved.metadata())));
            member.assignment = saved.assignment();
            group.add(member);
        }
        group.leaderId = snapshot.leaderId() != null && group.has(snapshot.leaderId())
                ? snapshot.leaderId() : group.leaderId;
        group.state = group.isEmpty() ? GroupState.EMPTY : GroupState.STABLE;
        return group;
    }
}
