package io.tributary.coordinator.state;

import io.tributary.spi.coordination.CommittedOffset;
import io.tributary.spi.coordination.GroupError;
import io.tributary.spi.coordination.GroupOffsets;
import io.tributary.spi.coordination.GroupState;
import io.tributary.spi.coordination.OffsetCommitRequest;
import io.tributary.spi.coordination.OffsetDeleteResult;
import io.tributary.spi.coordination.PartitionId;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** OffsetCommit, OffsetFetch and OffsetDelete; offsets change only when their records are written. */
final class OffsetOperations {

    private final ShardState shard;
    private final Rebalance rebalance;

    OffsetOperations(ShardState shard, Rebalance rebalance) {
        this.shard = shard;
        this.rebalance = rebalance;
    }

    CoordinatorResult commit(OffsetCommitRequest request, CompletableFuture<Map<PartitionId, GroupError>> response) {
        GroupError error = validate(request);
        Map<PartitionId, GroupError> answers = new LinkedHashMap<>();
        if (error != GroupError.NONE) {
            request.offsets().keySet().forEach(p -> answers.put(p, error));
            response.complete(answers);
            return CoordinatorResult.NONE;
        }
        List<GroupRecord> records = new ArrayList<>();
        long now = shard.now();
        request.offsets().forEach((partition, offset) -> {
            if (offset.metadata().getBytes(StandardCharsets.UTF_8).length > shard.settings.maxOffsetMetadataBytes()) {
                answers.put(partition, GroupError.OFFSET_METADATA_TOO_LARGE);
            } else {
                answers.put(partition, GroupError.NONE);
                records.add(new GroupRecord.Offset(request.groupId(), partition,
                        new CommittedOffset(offset.offset(), offset.leaderEpoch(), offset.metadata(), now)));
            }
        });
        if (records.isEmpty()) {
            response.complete(answers);
            return CoordinatorResult.NONE;
        }
        return new CoordinatorResult(records, failure -> {
            if (failure == null) {
                records.forEach(r -> shard.offsets.apply((GroupRecord.Offset) r));
            } else {
                answers.replaceAll((p, e) -> e == GroupError.NONE ? GroupError.COORDINATOR_NOT_AVAILABLE : e);
            }
            response.complete(answers);
        });
    }

    /** Kafka's order of checks; a commit with generation -1 to an empty group needs no membership. */
    private GroupError validate(OffsetCommitRequest request) {
        if (request.groupId() == null || request.groupId().isEmpty()) {
            return GroupError.INVALID_GROUP_ID;
        }
        ClassicGroup group = shard.group(request.groupId());
        if (group == null) {
            if (request.generationId() < 0) {
                shard.getOrCreate(request.groupId());
                return GroupError.NONE;
            }
            return GroupError.ILLEGAL_GENERATION;
        }
        if (group.is(GroupState.DEAD)) {
            return GroupError.COORDINATOR_NOT_AVAILABLE;
        }
        if (group.isFenced(request.memberId(), request.groupInstanceId())) {
            return GroupError.FENCED_INSTANCE_ID;
        }
        if (request.generationId() < 0 && group.is(GroupState.EMPTY)) {
            return GroupError.NONE;
        }
        if (group.is(GroupState.COMPLETING_REBALANCE)) {
            return GroupError.REBALANCE_IN_PROGRESS;
        }
        GroupMember member = group.member(request.memberId());
        if (member == null) {
            return GroupError.UNKNOWN_MEMBER_ID;
        }
        if (request.generationId() != group.generationId) {
            return GroupError.ILLEGAL_GENERATION;
        }
        rebalance.scheduleHeartbeat(group, member);
        return GroupError.NONE;
    }

    GroupOffsets fetch(String groupId, Collection<PartitionId> partitions) {
        Map<PartitionId, CommittedOffset> committed = shard.offsets.of(groupId);
        if (partitions == null) {
            return new GroupOffsets(GroupError.NONE, Map.copyOf(committed));
        }
        Map<PartitionId, CommittedOffset> asked = new LinkedHashMap<>();
        partitions.forEach(p -> {
            CommittedOffset offset = committed.get(p);
            if (offset != null) {
                asked.put(p, offset);
            }
        });
        return new GroupOffsets(GroupError.NONE, asked);
    }

    CoordinatorResult deleteOffsets(String groupId, List<PartitionId> partitions,
                                    CompletableFuture<OffsetDeleteResult> response) {
        ClassicGroup group = shard.group(groupId);
        if (group == null && !shard.offsets.hasOffsets(groupId)) {
            response.complete(new OffsetDeleteResult(GroupError.GROUP_ID_NOT_FOUND, Map.of()));
            return CoordinatorResult.NONE;
        }
        if (group != null && group.is(GroupState.DEAD)) {
            response.complete(new OffsetDeleteResult(GroupError.GROUP_ID_NOT_FOUND, Map.of()));
            return CoordinatorResult.NONE;
        }
        Map<PartitionId, GroupError> answers = new LinkedHashMap<>();
        List<GroupRecord> records = new ArrayList<>();
        Map<PartitionId, CommittedOffset> committed = shard.offsets.of(groupId);
        for (PartitionId partition : partitions) {
            answers.put(partition, GroupError.NONE);
            if (committed.containsKey(partition)) {
                records.add(new GroupRecord.Offset(groupId, partition, null));
            }
        }
        return complete(records, response, new OffsetDeleteResult(GroupError.NONE, answers));
    }

    /** Tombstones for every committed offset of a group. */
    List<GroupRecord> tombstones(String groupId) {
        List<GroupRecord> records = new ArrayList<>();
        shard.offsets.of(groupId).keySet().forEach(p -> records.add(new GroupRecord.Offset(groupId, p, null)));
        return records;
    }

    private <T> CoordinatorResult complete(List<GroupRecord> records, CompletableFuture<T> response, T answer) {
        if (records.isEmpty()) {
            response.complete(answer);
            return CoordinatorResult.NONE;
        }
        return new CoordinatorResult(records, failure -> {
            if (failure == null) {
                records.forEach(r -> shard.offsets.apply((GroupRecord.Offset) r));
                response.complete(answer);
            } else {
                response.completeExceptionally(failure);
            }
        });
    }
}
