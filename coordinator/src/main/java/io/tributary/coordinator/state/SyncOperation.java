package io.tributary.coordinator.state;

import io.tributary.spi.coordination.GroupError;
import io.tributary.spi.coordination.GroupState;
import io.tributary.spi.coordination.SyncRequest;
import io.tributary.spi.coordination.SyncResult;
import java.util.concurrent.CompletableFuture;

/** SyncGroup: the leader's assignment is written, then handed to every member. */
final class SyncOperation {

    private static final byte[] NO_ASSIGNMENT = new byte[0];

    private final ShardState shard;
    private final Rebalance rebalance;

    SyncOperation(ShardState shard, Rebalance rebalance) {
        this.shard = shard;
        this.rebalance = rebalance;
    }

    CoordinatorResult sync(SyncRequest request, CompletableFuture<SyncResult> response) {
        ClassicGroup group = shard.group(request.groupId());
        GroupError error = validate(group, request);
        if (error != GroupError.NONE) {
            response.complete(SyncResult.failed(error));
            return CoordinatorResult.NONE;
        }
        GroupMember member = group.member(request.memberId());
        switch (group.state) {
            case PREPARING_REBALANCE -> {
                response.complete(SyncResult.failed(GroupError.REBALANCE_IN_PROGRESS));
                return CoordinatorResult.NONE;
            }
            case STABLE -> {
                rebalance.scheduleHeartbeat(group, member);
                response.complete(assignmentOf(group, member));
                return CoordinatorResult.NONE;
            }
            case COMPLETING_REBALANCE -> {
                member.awaitingSync = response;
                rebalance.scheduleHeartbeat(group, member);
                return member.memberId.equals(group.leaderId) ? assign(group, request) : CoordinatorResult.NONE;
            }
            default -> {
                response.complete(SyncResult.failed(GroupError.UNKNOWN_MEMBER_ID));
                return CoordinatorResult.NONE;
            }
        }
    }

    private GroupError validate(ClassicGroup group, SyncRequest request) {
        if (group == null) {
            return GroupError.UNKNOWN_MEMBER_ID;
        }
        if (group.is(GroupState.DEAD)) {
            return GroupError.COORDINATOR_NOT_AVAILABLE;
        }
        if (group.isFenced(request.memberId(), request.groupInstanceId())) {
            return GroupError.FENCED_INSTANCE_ID;
        }
        if (!group.has(request.memberId())) {
            return GroupError.UNKNOWN_MEMBER_ID;
        }
        if (request.generationId() != group.generationId) {
            return GroupError.ILLEGAL_GENERATION;
        }
        if ((request.protocolType() != null && !request.protocolType().equals(group.protocolType))
                || (request.protocolName() != null && !request.protocolName().equals(group.protocolName))) {
            return GroupError.INCONSISTENT_GROUP_PROTOCOL;
        }
        return GroupError.NONE;
    }

    private CoordinatorResult assign(ClassicGroup group, SyncRequest request) {
        int generation = group.generationId;
        group.members().forEach(m -> m.assignment = request.assignments().getOrDefault(m.memberId, NO_ASSIGNMENT));
        GroupRecord record = new GroupRecord.Metadata(group.groupId, group.snapshot());
        return new CoordinatorResult(java.util.List.of(record), failure -> {
            if (!group.is(GroupState.COMPLETING_REBALANCE) || group.generationId != generation) {
                return;
            }
            if (failure != null) {
                group.members().forEach(m -> m.completeSync(SyncResult.failed(GroupError.COORDINATOR_NOT_AVAILABLE)));
                rebalance.maybePrepare(group);
                return;
            }
            group.transition(GroupState.STABLE, shard.now());
            group.members().forEach(m -> m.completeSync(assignmentOf(group, m)));
        });
    }

    private static SyncResult assignmentOf(ClassicGroup group, GroupMember member) {
        return new SyncResult(GroupError.NONE, group.protocolType, group.protocolName, member.assignment);
    }
}
