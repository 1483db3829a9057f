package io.tributary.coordinator.state;

import io.tributary.spi.coordination.GroupDescription;
import io.tributary.spi.coordination.GroupError;
import io.tributary.spi.coordination.GroupOffsets;
import io.tributary.spi.coordination.GroupOverview;
import io.tributary.spi.coordination.GroupState;
import io.tributary.spi.coordination.JoinRequest;
import io.tributary.spi.coordination.JoinResult;
import io.tributary.spi.coordination.LeaveResult;
import io.tributary.spi.coordination.MemberRef;
import io.tributary.spi.coordination.OffsetCommitRequest;
import io.tributary.spi.coordination.OffsetDeleteResult;
import io.tributary.spi.coordination.PartitionId;
import io.tributary.spi.coordination.SyncRequest;
import io.tributary.spi.coordination.SyncResult;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongSupplier;

/**
 * The groups of one partition of the coordinator's log, as a state machine. Every operation runs on one
 * thread, completes its response (at once, later, or after its records are written) and returns the
 * records to write. No I/O, no locks, no clock of its own: the caller supplies timers and time.
 */
public final class GroupShard {

    private final ShardState shard;
    private final Rebalance rebalance;
    private final JoinOperation joins;
    private final SyncOperation syncs;
    private final MemberOperations members;
    private final OffsetOperations offsets;
    private final GroupAdmin admin;
    private final Retention retention;

    public GroupShard(GroupTimer timer, LongSupplier clock, GroupSettings settings) {
        shard = new ShardState(timer, clock, settings);
        rebalance = new Rebalance(shard);
        joins = new JoinOperation(shard, rebalance);
        syncs = new SyncOperation(shard, rebalance);
        members = new MemberOperations(shard, rebalance);
        offsets = new OffsetOperations(shard, rebalance);
        admin = new GroupAdmin(shard, offsets);
        retention = new Retention(shard);
    }

    /** Applies a record read back from the log while loading. */
    public void replay(GroupRecord record) {
        shard.replay(record);
    }

    /** After loading: restored members must heartbeat within their session timeout. */
    public void loaded() {
        for (ClassicGroup group : shard.allGroups()) {
            group.members().forEach(member -> rebalance.scheduleHeartbeat(group, member));
        }
    }

    public CoordinatorResult join(JoinRequest request, CompletableFuture<JoinResult> response) {
        return joins.join(request, response);
    }

    public CoordinatorResult sync(SyncRequest request, CompletableFuture<SyncResult> response) {
        return syncs.sync(request, response);
    }

    public GroupError heartbeat(String groupId, String memberId, String instanceId, int generationId) {
        return members.heartbeat(groupId, memberId, instanceId, generationId);
    }

    public CoordinatorResult leave(String groupId, List<MemberRef> leaving, CompletableFuture<LeaveResult> response) {
        MemberOperations.Left left = members.leave(groupId, leaving);
        response.complete(left.answer());
        return left.result();
    }

    public CoordinatorResult commitOffsets(OffsetCommitRequest request,
                                           CompletableFuture<Map<PartitionId, GroupError>> response) {
        return offsets.commit(request, response);
    }

    public GroupOffsets fetchOffsets(String groupId, Collection<PartitionId> partitions) {
        return offsets.fetch(groupId, partitions);
    }

    public CoordinatorResult deleteOffsets(String groupId, List<PartitionId> partitions,
                                           CompletableFuture<OffsetDeleteResult> response) {
        return offsets.deleteOffsets(groupId, partitions, response);
    }

    public List<GroupOverview> listGroups(Set<GroupState> states) {
        return admin.list(states);
    }

    public GroupDescription describeGroup(String groupId) {
        return admin.describe(groupId);
    }

    /** Deletes an empty group with its offsets; completes with the group's error. */
    public CoordinatorResult deleteGroup(String groupId, CompletableFuture<GroupError> response) {
        GroupError error = admin.checkDeletable(groupId);
        if (error != GroupError.NONE) {
            response.complete(error);
            return CoordinatorResult.NONE;
        }
        CoordinatorResult result = admin.delete(groupId);
        return new CoordinatorResult(result.records(), failure -> {
            result.afterWrite().accept(failure);
            response.complete(failure == null ? GroupError.NONE : GroupError.COORDINATOR_NOT_AVAILABLE);
        });
    }

    /** Removes offsets past their retention and groups left with nothing. */
    public CoordinatorResult expireOffsets() {
        return retention.expire();
    }

    /** This broker stops coordinating the shard: every waiting member is told to look for the new coordinator. */
    public void abandon() {
        shard.allGroups().forEach(group -> group.members().forEach(m -> m.failWaiting(GroupError.NOT_COORDINATOR)));
    }

    /** The partitions a group has committed offsets for. */
    public Set<PartitionId> committedPartitions(String groupId) {
        return Set.copyOf(shard.offsets.of(groupId).keySet());
    }

    /** The offsets committed within {@code windowMs} of the shard's latest commit, as the records that wrote them. */
    public List<GroupRecord.Offset> latestCommittedOffsets(long windowMs) {
        long latest = shard.offsets.latestCommitTimestamp();
        return latest == Long.MIN_VALUE ? List.of() : shard.offsets.recordsSince(latest - windowMs);
    }

    /** Committed offsets across all groups, for monitoring. */
    public int offsetCount() {
        return shard.offsets.size();
    }
}
