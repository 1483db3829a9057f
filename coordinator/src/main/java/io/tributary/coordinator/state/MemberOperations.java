package io.tributary.coordinator.state;

import io.tributary.spi.coordination.GroupError;
import io.tributary.spi.coordination.GroupState;
import io.tributary.spi.coordination.LeaveResult;
import io.tributary.spi.coordination.MemberRef;
import java.util.ArrayList;
import java.util.List;

/** Heartbeat and LeaveGroup. */
final class MemberOperations {

    private final ShardState shard;
    private final Rebalance rebalance;

    MemberOperations(ShardState shard, Rebalance rebalance) {
        this.shard = shard;
        this.rebalance = rebalance;
    }

    GroupError heartbeat(String groupId, String memberId, String instanceId, int generationId) {
        ClassicGroup group = shard.group(groupId);
        if (group == null) {
            return GroupError.UNKNOWN_MEMBER_ID;
        }
        if (group.is(GroupState.DEAD)) {
            return GroupError.COORDINATOR_NOT_AVAILABLE;
        }
        if (group.isFenced(memberId, instanceId)) {
            return GroupError.FENCED_INSTANCE_ID;
        }
        GroupMember member = group.member(memberId);
        if (member == null || group.is(GroupState.EMPTY)) {
            return GroupError.UNKNOWN_MEMBER_ID;
        }
        if (generationId != group.generationId) {
            return GroupError.ILLEGAL_GENERATION;
        }
        rebalance.scheduleHeartbeat(group, member);
        return group.is(GroupState.PREPARING_REBALANCE) ? GroupError.REBALANCE_IN_PROGRESS : GroupError.NONE;
    }

    /** The result's records go with the answer; the answer itself needs no write. */
    record Left(LeaveResult answer, CoordinatorResult result) {
    }

    Left leave(String groupId, List<MemberRef> leaving) {
        ClassicGroup group = shard.group(groupId);
        List<LeaveResult.MemberLeft> answers = new ArrayList<>();
        if (group == null) {
            leaving.forEach(m -> answers.add(new LeaveResult.MemberLeft(m.memberId(), m.groupInstanceId(),
                    GroupError.UNKNOWN_MEMBER_ID)));
            return new Left(new LeaveResult(GroupError.NONE, answers), CoordinatorResult.NONE);
        }
        if (group.is(GroupState.DEAD)) {
            return new Left(new LeaveResult(GroupError.COORDINATOR_NOT_AVAILABLE, List.of()), CoordinatorResult.NONE);
        }
        CoordinatorResult result = CoordinatorResult.NONE;
        for (MemberRef ref : leaving) {
            if (ref.groupInstanceId() == null && group.removePending(ref.memberId())) {
                shard.timer.cancel(ShardState.heartbeatKey(group.groupId, ref.memberId()));
                result = result.and(rebalance.tryCompleteJoin(group));
                answers.add(new LeaveResult.MemberLeft(ref.memberId(), null, GroupError.NONE));
                continue;
            }
            GroupError error = leaveOne(group, ref);
            if (error == GroupError.NONE) {
                String memberId = ref.memberId().isEmpty() ? group.staticMemberId(ref.groupInstanceId()) : ref.memberId();
                GroupMember member = memberId == null ? null : group.member(memberId);
                if (member != null) {
                    result = result.and(rebalance.removeMember(group, member, GroupError.UNKNOWN_MEMBER_ID));
                }
            }
            answers.add(new LeaveResult.MemberLeft(ref.memberId(), ref.groupInstanceId(), error));
        }
        return new Left(new LeaveResult(GroupError.NONE, answers), result);
    }

    private GroupError leaveOne(ClassicGroup group, MemberRef ref) {
        if (ref.groupInstanceId() != null) {
            String current = group.staticMemberId(ref.groupInstanceId());
            if (current == null) {
                return GroupError.UNKNOWN_MEMBER_ID;
            }
            return ref.memberId().isEmpty() || ref.memberId().equals(current)
                    ? GroupError.NONE : GroupError.FENCED_INSTANCE_ID;
        }
        return group.has(ref.memberId()) ? GroupError.NONE : GroupError.UNKNOWN_MEMBER_ID;
    }
}
