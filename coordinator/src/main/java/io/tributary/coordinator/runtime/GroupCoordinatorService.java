package io.tributary.coordinator.runtime;

import io.tributary.coordinator.state.GroupSettings;
import io.tributary.spi.coordination.GroupCoordinator;
import io.tributary.spi.coordination.GroupDescription;
import io.tributary.spi.coordination.GroupError;
import io.tributary.spi.coordination.GroupException;
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
import io.tributary.spi.topic.TopicName;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.BiFunction;
import java.util.function.LongSupplier;

/**
 * The group coordinator: routes each group to the shard of its partition, loading a shard the first time
 * it is needed and dropping it when this broker loses the partition. Storage and time are supplied, so
 * the whole coordinator runs in memory in tests.
 */
public final class GroupCoordinatorService implements GroupCoordinator {

    private final TopicName stateTopic;
    private final int partitions;
    private final ShardStorage storage;
    private final WrittenRecords written;
    private final ScheduledExecutorService executor;
    private final LongSupplier clock;
    private final GroupSettings settings;
    private final Map<Integer, CompletableFuture<ShardRuntime>> shards = new ConcurrentHashMap<>();
    private volatile boolean closed;

    public GroupCoordinatorService(TopicName stateTopic, int partitions, ShardStorage storage, WrittenRecords written,
                                   ScheduledExecutorService executor, LongSupplier clock, GroupSettings settings) {
        this.stateTopic = stateTopic;
        this.partitions = partitions;
        this.storage = storage;
        this.written = written;
        this.executor = executor;
        this.clock = clock;
        this.settings = settings;
    }

    public int partitionOf(String groupId) {
        return Math.floorMod(groupId.hashCode(), partitions);
    }

    @Override
    public PartitionId coordinatorPartition(String groupId) {
        return new PartitionId(stateTopic, partitionOf(groupId));
    }

    @Override
    public CompletableFuture<JoinResult> join(JoinRequest request) {
        return operate(request.groupId(), (shard, response) -> shard.run(s -> s.join(request, response), response));
    }

    @Override
    public CompletableFuture<SyncResult> sync(SyncRequest request) {
        return operate(request.groupId(), (shard, response) -> shard.run(s -> s.sync(request, response), response));
    }

    @Override
    public CompletableFuture<GroupError> heartbeat(String groupId, String memberId, String instanceId, int generation) {
        return shard(groupId).thenCompose(shard -> shard.query(s -> s.heartbeat(groupId, memberId, instanceId,
                generation)));
    }

    @Override
    public CompletableFuture<LeaveResult> leave(String groupId, List<MemberRef> members) {
        return operate(groupId, (shard, response) -> shard.run(s -> s.leave(groupId, members, response), response));
    }

    @Override
    public CompletableFuture<Map<PartitionId, GroupError>> commitOffsets(OffsetCommitRequest request) {
        return operate(request.groupId(),
                (shard, response) -> shard.run(s -> s.commitOffsets(request, response), response));
    }

    @Override
    public CompletableFuture<GroupOffsets> fetchOffsets(String groupId, Collection<PartitionId> asked) {
        return shard(groupId).thenCompose(shard -> shard.query(s -> s.fetchOffsets(groupId, asked)));
    }

    @Override
    public CompletableFuture<List<GroupOverview>> listGroups(Set<GroupState> states) {
        List<CompletableFuture<List<GroupOverview>>> all = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            all.add(shard(p).thenCompose(shard -> shard.query(s -> s.listGroups(states)))
                    .exceptionally(e -> List.of()));
        }
        return CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).thenApply(v -> {
            List<GroupOverview> groups = new ArrayList<>();
            all.forEach(f -> groups.addAll(f.join()));
            return groups;
        });
    }

    @Override
    public CompletableFuture<GroupDescription> describeGroup(String groupId) {
        return shard(groupId).thenCompose(shard -> shard.query(s -> s.describeGroup(groupId)));
    }

    @Override
    public CompletableFuture<Map<String, GroupError>> deleteGroups(List<String> groupIds) {
        Map<String, CompletableFuture<GroupError>> results = new LinkedHashMap<>();
        for (String groupId : groupIds) {
            results.put(groupId, operate(groupId, (shard, response) ->
                    shard.run(s -> s.deleteGroup(groupId, response), response)));
        }
        return CompletableFuture.allOf(results.values().stream().map(f -> f.exceptionally(e -> GroupError.UNKNOWN))
                .toArray(CompletableFuture[]::new)).thenApply(v -> {
                    Map<String, GroupError> errors = new LinkedHashMap<>();
                    results.forEach((id, f) -> errors.put(id, f.handle((e, t) -> t == null ? e : errorOf(t)).join()));
                    return errors;
                });
    }

    @Override
    public CompletableFuture<OffsetDeleteResult> deleteOffsets(String groupId, List<PartitionId> asked) {
        return operate(groupId, (shard, response) ->
                shard.run(s -> s.deleteOffsets(groupId, asked, response), response));
    }

    /**
     * Drops the shard of a partition this broker no longer owns; once it is closed, and after the writes it had
     * acknowledged were told, the listener of written records forgets its groups, which the partition's next
     * coordinator tells again when it loads them.
     */
    public CompletableFuture<Void> unload(int partition) {
        return drop(partition).thenRunAsync(() -> {
            if (!shards.containsKey(partition)) {
                written.unloaded(groupId -> partitionOf(groupId) == partition);
            }
        }, executor);
    }

    private CompletableFuture<Void> drop(int partition) {
        CompletableFuture<ShardRuntime> shard = shards.remove(partition);
        return shard == null ? CompletableFuture.completedFuture(null)
                : shard.thenCompose(ShardRuntime::close).exceptionally(e -> null);
    }

    /** Partitions whose state is loaded (or loading). */
    public Set<Integer> loadedPartitions() {
        return Set.copyOf(shards.keySet());
    }

    public CompletableFuture<Void> close() {
        closed = true;
        List<CompletableFuture<Void>> closing = new ArrayList<>();
        for (Integer partition : List.copyOf(shards.keySet())) {
            closing.add(drop(partition));
        }
        return CompletableFuture.allOf(closing.toArray(CompletableFuture[]::new));
    }

    private <T> CompletableFuture<T> operate(String groupId,
                                             BiFunction<ShardRuntime, CompletableFuture<T>, CompletableFuture<T>> operation) {
        return shard(groupId).thenCompose(shard -> operation.apply(shard, new CompletableFuture<>()));
    }

    CompletableFuture<ShardRuntime> shard(String groupId) {
        if (groupId == null || groupId.isEmpty()) {
            return CompletableFuture.failedFuture(new GroupException(GroupError.INVALID_GROUP_ID, "empty group id"));
        }
        return shard(partitionOf(groupId));
    }

    private CompletableFuture<ShardRuntime> shard(int partition) {
        if (closed) {
            return CompletableFuture.failedFuture(new GroupException(GroupError.COORDINATOR_NOT_AVAILABLE,
                    "the group coordinator is stopped"));
        }
        CompletableFuture<ShardRuntime> existing = shards.get(partition);
        if (existing != null && !existing.isCompletedExceptionally()) {
            return existing;
        }
        CompletableFuture<ShardRuntime> loading = new CompletableFuture<>();
        CompletableFuture<ShardRuntime> winner = existing == null
                ? shards.putIfAbsent(partition, loading)
                : (shards.replace(partition, existing, loading) ? null : shards.get(partition));
        if (winner != null) {
            return winner;
        }
        storage.open(partition)
                .thenCompose(log -> ShardRuntime.load(partition, executor, log, written, clock, settings))
                .whenComplete((shard, failure) -> {
                    if (failure != null) {
                        shards.remove(partition, loading);
                        loading.completeExceptionally(failure);
                    } else {
                        loading.complete(shard);
                    }
                });
        return loading;
    }

    private static GroupError errorOf(Throwable failure) {
        Throwable cause = failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        return cause instanceof GroupException group ? group.error() : GroupError.UNKNOWN;
    }
}
