package io.tributary.coordinator.state;

import io.tributary.spi.coordination.GroupError;
import io.tributary.spi.coordination.GroupState;
import io.tributary.spi.coordination.JoinRequest;
import io.tributary.spi.coordination.JoinResult;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/** JoinGroup, as Kafka's classic coordinator serves it. */
final class JoinOperation {

    private final ShardState shard;
    private final Rebalance rebalance;

    JoinOperation(ShardState shard, Rebalance rebalance) {
        this.shard = shard;
        this.rebalance = rebalance;
    }

    CoordinatorResult join(JoinRequest request, CompletableFuture<JoinResult> response) {
        GroupError invalid = validate(request);
        if (invalid != GroupError.NONE) {
            response.complete(JoinResult.failed(invalid, request.memberId()));
            return CoordinatorResult.NONE;
        }
        boolean unknownMember = request.memberId().isEmpty();
        ClassicGroup group = shard.group(request.groupId());
        if (group == null) {
            if (!unknownMember) {
                response.complete(JoinResult.failed(GroupError.UNKNOWN_MEMBER_ID, request.memberId()));
                return CoordinatorResult.NONE;
            }
            group = shard.getOrCreate(request.groupId());
        }
        CoordinatorResult result = unknownMember ? joinNew(group, request, response) : joinKnown(group, request, response);
        if (group.is(GroupState.PREPARING_REBALANCE)) {
            result = result.and(rebalance.tryCompleteJoin(group));
        }
        return result;
    }

    private GroupError validate(JoinRequest request) {
        if (request.groupId() == null || request.groupId().isEmpty()) {
            return GroupError.INVALID_GROUP_ID;
        }
        if (request.sessionTimeoutMs() < shard.settings.minSessionTimeoutMs()
                || request.sessionTimeoutMs() > shard.settings.maxSessionTimeoutMs()) {
            return GroupError.INVALID_SESSION_TIMEOUT;
        }
        return GroupError.NONE;
    }

    private CoordinatorResult joinNew(ClassicGroup group, JoinRequest request, CompletableFuture<JoinResult> response) {
        if (group.is(GroupState.DEAD)) {
            response.complete(JoinResult.failed(GroupError.COORDINATOR_NOT_AVAILABLE, ""));
            return CoordinatorResult.NONE;
        }
        if (!group.supports(request.protocolType(), request.protocols())) {
            response.complete(JoinResult.failed(GroupError.INCONSISTENT_GROUP_PROTOCOL, ""));
            return CoordinatorResult.NONE;
        }
        String memberId = newMemberId(request.clientId());
        if (request.groupInstanceId() != null) {
            String existing = group.staticMemberId(request.groupInstanceId());
            return existing != null
                    ? replaceStatic(group, existing, memberId, request, response)
                    : addAndRebalance(group, memberId, request, response);
        }
        if (request.requireKnownMemberId()) {
            group.addPending(memberId);
            rebalance.schedulePendingExpiry(group, memberId, request.sessionTimeoutMs());
            response.complete(JoinResult.failed(GroupError.MEMBER_ID_REQUIRED, memberId));
            return CoordinatorResult.NONE;
        }
        return addAndRebalance(group, memberId, request, response);
    }

    private CoordinatorResult joinKnown(ClassicGroup group, JoinRequest request,
                                        CompletableFuture<JoinResult> response) {
        String memberId = request.memberId();
        if (group.is(GroupState.DEAD)) {
            response.complete(JoinResult.failed(GroupError.COORDINATOR_NOT_AVAILABLE, memberId));
            return CoordinatorResult.NONE;
        }
        if (!group.supports(request.protocolType(), request.protocols())) {
            response.complete(JoinResult.failed(GroupError.INCONSISTENT_GROUP_PROTOCOL, memberId));
            return CoordinatorResult.NONE;
        }
        if (group.isPending(memberId)) {
            group.removePending(memberId);
            return addAndRebalance(group, memberId, request, response);
        }
        if (group.isFenced(memberId, request.groupInstanceId())) {
            response.complete(JoinResult.failed(GroupError.FENCED_INSTANCE_ID, memberId));
            return CoordinatorResult.NONE;
        }
        GroupMember member = group.member(memberId);
        if (member == null || group.is(GroupState.EMPTY)) {
            response.complete(JoinResult.failed(GroupError.UNKNOWN_MEMBER_ID, memberId));
            return CoordinatorResult.NONE;
        }
        boolean unchanged = member.sameProtocols(request.protocols());
        switch (group.state) {
            case COMPLETING_REBALANCE -> {
                if (unchanged) {
                    response.complete(current(group, memberId, false));
                    return CoordinatorResult.NONE;
                }
            }
            case STABLE -> {
                if (unchanged && !memberId.equals(group.leaderId)) {
                    rebalance.scheduleHeartbeat(group, member);
                    response.complete(current(group, memberId, false));
                    return CoordinatorResult.NONE;
                }
            }
            default -> { }
        }
        return updateAndRebalance(group, member, request, response);
    }

    private CoordinatorResult addAndRebalance(ClassicGroup group, String memberId, JoinRequest request,
                                              CompletableFuture<JoinResult> response) {
        if (group.isEmpty()) {
            group.protocolType = request.protocolType();
        }
        GroupMember member = new GroupMember(memberId, request.groupInstanceId(), request.clientId(),
                request.clientHost(), request.sessionTimeoutMs(), request.rebalanceTimeoutMs(), request.protocols());
        member.awaitingJoin = response;
        group.add(member);
        if (group.is(GroupState.PREPARING_REBALANCE) && group.initialJoinDelay) {
            group.newMemberAdded = true;
        }
        shard.timer.cancel(ShardState.heartbeatKey(group.groupId, memberId));
        return rebalance.maybePrepare(group);
    }

    private CoordinatorResult updateAndRebalance(ClassicGroup group, GroupMember member, JoinRequest request,
                                                 CompletableFuture<JoinResult> response) {
        member.protocols = List.copyOf(request.protocols());
        member.sessionTimeoutMs = request.sessionTimeoutMs();
        member.rebalanceTimeoutMs = request.rebalanceTimeoutMs();
        member.clientId = request.clientId();
        member.clientHost = request.clientHost();
        if (member.awaitingJoin != null && member.awaitingJoin != response) {
            member.completeJoin(JoinResult.failed(GroupError.REBALANCE_IN_PROGRESS, member.memberId));
        }
        member.awaitingJoin = response;
        return rebalance.maybePrepare(group);
    }

    /** A static member rejoined without its member id: it takes over its instance under a new id. */
    private CoordinatorResult replaceStatic(ClassicGroup group, String oldMemberId, String newMemberId,
                                            JoinRequest request, CompletableFuture<JoinResult> response) {
        GroupMember old = group.member(oldMemberId);
        shard.timer.cancel(ShardState.heartbeatKey(group.groupId, oldMemberId));
        old.failWaiting(GroupError.FENCED_INSTANCE_ID);
        GroupMember replacement = old.renamed(newMemberId);
        boolean unchanged = old.sameProtocols(request.protocols());
        group.replace(oldMemberId, replacement);
        if (group.is(GroupState.STABLE) && unchanged) {
            replacement.clientId = request.clientId();
            replacement.clientHost = request.clientHost();
            rebalance.scheduleHeartbeat(group, replacement);
            boolean leader = newMemberId.equals(group.leaderId);
            response.complete(current(group, newMemberId, leader));
            return CoordinatorResult.of(new GroupRecord.Metadata(group.groupId, group.snapshot()));
        }
        return updateAndRebalance(group, replacement, request, response);
    }

    /** The current generation as a join response; the leader gets the members when it must see them. */
    private JoinResult current(ClassicGroup group, String memberId, boolean skipAssignment) {
        boolean leader = memberId.equals(group.leaderId);
        List<JoinResult.JoinedMember> members = new ArrayList<>();
        if (leader) {
            group.members().forEach(m -> members.add(new JoinResult.JoinedMember(m.memberId, m.instanceId,
                    m.metadata(group.protocolName))));
        }
        return new JoinResult(GroupError.NONE, group.generationId, group.protocolType, group.protocolName,
                group.leaderId, memberId, skipAssignment, members);
    }

    private static String newMemberId(String clientId) {
        return (clientId == null ? "" : clientId) + "-" + UUID.randomUUID();
    }
}
