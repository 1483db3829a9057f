package io.tributary.coordinator.state;

import io.tributary.spi.coordination.GroupError;
import io.tributary.spi.coordination.GroupState;
import io.tributary.spi.coordination.JoinResult;
import io.tributary.spi.coordination.SyncResult;
import java.util.ArrayList;
import java.util.List;

/**
 * The rebalance cycle of a classic group: the join barrier (bounded by the rebalance timeout, delayed
 * for a group's first members), the next generation, member removal and session expiry.
 */
final class Rebalance {

    private final ShardState shard;

    Rebalance(ShardState shard) {
        this.shard = shard;
    }

    CoordinatorResult maybePrepare(ClassicGroup group) {
        if (group.is(GroupState.STABLE) || group.is(GroupState.COMPLETING_REBALANCE) || group.is(GroupState.EMPTY)) {
            return prepare(group);
        }
        return CoordinatorResult.NONE;
    }

    private CoordinatorResult prepare(ClassicGroup group) {
        if (group.is(GroupState.COMPLETING_REBALANCE)) {
            group.members().forEach(m -> m.completeSync(SyncResult.failed(GroupError.REBALANCE_IN_PROGRESS)));
        }
        boolean first = group.is(GroupState.EMPTY);
        group.transition(GroupState.PREPARING_REBALANCE, shard.now());
        if (first) {
            long delay = shard.settings.initialRebalanceDelayMs();
            group.initialJoinDelay = true;
            group.newMemberAdded = false;
            scheduleInitialJoin(group, delay, Math.max(group.rebalanceTimeoutMs() - delay, 0));
            return CoordinatorResult.NONE;
        }
        shard.timer.schedule(ShardState.joinKey(group.groupId), group.rebalanceTimeoutMs(), () -> completeJoin(group));
        return tryCompleteJoin(group);
    }

    /** Kafka's initial delayed join: waits while new members keep arriving, up to the rebalance timeout. */
    private void scheduleInitialJoin(ClassicGroup group, long delay, long remaining) {
        shard.timer.schedule(ShardState.joinKey(group.groupId), delay, () -> {
            if (group.newMemberAdded && remaining > 0) {
                group.newMemberAdded = false;
                long next = Math.min(shard.settings.initialRebalanceDelayMs(), remaining);
                scheduleInitialJoin(group, next, Math.max(remaining - next, 0));
                return CoordinatorResult.NONE;
            }
            return completeJoin(group);
        });
    }

    CoordinatorResult tryCompleteJoin(ClassicGroup group) {
        if (group.is(GroupState.PREPARING_REBALANCE) && !group.initialJoinDelay && group.allJoined()) {
            return completeJoin(group);
        }
        return CoordinatorResult.NONE;
    }

    CoordinatorResult completeJoin(ClassicGroup group) {
        shard.timer.cancel(ShardState.joinKey(group.groupId));
        group.initialJoinDelay = false;
        if (!group.is(GroupState.PREPARING_REBALANCE)) {
            return CoordinatorResult.NONE;
        }
        List<GroupMember> absent = group.members().stream().filter(m -> m.awaitingJoin == null).toList();
        absent.forEach(m -> {
            shard.timer.cancel(ShardState.heartbeatKey(group.groupId, m.memberId));
            m.failWaiting(GroupError.UNKNOWN_MEMBER_ID);
            group.remove(m.memberId);
        });
        group.generationId++;
        if (group.isEmpty()) {
            group.protocolName = null;
            group.transition(GroupState.EMPTY, shard.now());
            return CoordinatorResult.of(new GroupRecord.Metadata(group.groupId, group.snapshot()));
        }
        group.protocolName = group.selectProtocol();
        group.transition(GroupState.COMPLETING_REBALANCE, shard.now());
        List<JoinResult.JoinedMember> all = new ArrayList<>();
        group.members().forEach(m -> all.add(new JoinResult.JoinedMember(m.memberId, m.instanceId,
                m.metadata(group.protocolName))));
        for (GroupMember member : group.members()) {
            boolean leader = member.memberId.equals(group.leaderId);
            member.completeJoin(new JoinResult(GroupError.NONE, group.generationId, group.protocolType,
                    group.protocolName, group.leaderId, member.memberId, false, leader ? all : List.of()));
            scheduleHeartbeat(group, member);
        }
        return CoordinatorResult.NONE;
    }

    /** Removes a member that left or expired, and rebalances the rest. */
    CoordinatorResult removeMember(ClassicGroup group, GroupMember member, GroupError toWaiting) {
        shard.timer.cancel(ShardState.heartbeatKey(group.groupId, member.memberId));
        member.failWaiting(toWaiting);
        group.remove(member.memberId);
        return switch (group.state) {
            case STABLE, COMPLETING_REBALANCE -> maybePrepare(group);
            case PREPARING_REBALANCE -> tryCompleteJoin(group);
            default -> CoordinatorResult.NONE;
        };
    }

    void scheduleHeartbeat(ClassicGroup group, GroupMember member) {
        String memberId = member.memberId;
        shard.timer.schedule(ShardState.heartbeatKey(group.groupId, memberId), member.sessionTimeoutMs,
                () -> expire(group, memberId));
    }

    void schedulePendingExpiry(ClassicGroup group, String memberId, int sessionTimeoutMs) {
        shard.timer.schedule(ShardState.heartbeatKey(group.groupId, memberId), sessionTimeoutMs, () -> {
            if (group.removePending(memberId) && group.is(GroupState.PREPARING_REBALANCE)) {
                return tryCompleteJoin(group);
            }
            return CoordinatorResult.NONE;
        });
    }

    private CoordinatorResult expire(ClassicGroup group, String memberId) {
        GroupMember member = group.member(memberId);
        if (member == null || shard.group(group.groupId) != group || member.awaitingJoin != null) {
            return CoordinatorResult.NONE;
        }
        return removeMember(group, member, GroupError.UNKNOWN_MEMBER_ID);
    }
}
