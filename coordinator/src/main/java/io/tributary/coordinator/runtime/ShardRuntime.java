package io.tributary.coordinator.runtime;

import io.tributary.coordinator.state.CoordinatorResult;
import io.tributary.coordinator.state.GroupRecord;
import io.tributary.coordinator.state.GroupSettings;
import io.tributary.coordinator.state.GroupShard;
import io.tributary.spi.coordination.PartitionId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One loaded coordinator partition: its state machine, driven on the coordinator's single thread, and
 * its log. Operations run in arrival order; records are appended, then their continuations run back on
 * the coordinator thread.
 */
final class ShardRuntime {

    private static final Logger LOG = LoggerFactory.getLogger(ShardRuntime.class);
    private static final long MAX_RETENTION_CHECK_MS = TimeUnit.MINUTES.toMillis(10);
    static final long RECENT_COMMITS_MS = TimeUnit.MINUTES.toMillis(1);

    private record OffsetKey(String groupId, PartitionId partition) {
    }

    private final int partition;
    private final ScheduledExecutorService executor;
    private final RecordLog log;
    private final WrittenRecords written;
    private final ExecutorTimer timer;
    private final GroupShard shard;
    private ScheduledFuture<?> retention;

    private ShardRuntime(int partition, ScheduledExecutorService executor, RecordLog log, WrittenRecords written,
                         LongSupplier clock, GroupSettings settings) {
        this.partition = partition;
        this.executor = executor;
        this.log = log;
        this.written = written;
        this.timer = new ExecutorTimer(executor, this::apply);
        this.shard = new GroupShard(timer, clock, settings);
    }

    /** Replays the partition's log into a new shard; completes on the coordinator thread. */
    static CompletableFuture<ShardRuntime> load(int partition, ScheduledExecutorService executor, RecordLog log,
                                                WrittenRecords written, LongSupplier clock, GroupSettings settings) {
        ShardRuntime runtime = new ShardRuntime(partition, executor, log, written, clock, settings);
        long started = System.nanoTime();
        Map<OffsetKey, GroupRecord> removals = new LinkedHashMap<>();
        return log.replay(record -> {
            runtime.shard.replay(record);
            if (record instanceof GroupRecord.Offset offset) {
                OffsetKey key = new OffsetKey(offset.groupId(), offset.partition());
                if (offset.tombstone()) {
                    removals.put(key, offset);
                } else {
                    removals.remove(key);
                }
            }
        }).thenApplyAsync(count -> {
            runtime.shard.loaded();
            List<GroupRecord> retold = new ArrayList<>(removals.values());
            retold.addAll(runtime.shard.latestCommittedOffsets(RECENT_COMMITS_MS));
            if (!retold.isEmpty()) {
                written.written(retold);
            }
            long check = Math.min(settings.offsetsRetentionMs(), MAX_RETENTION_CHECK_MS);
            runtime.retention = executor.scheduleWithFixedDelay(
                    () -> runtime.apply(runtime.shard.expireOffsets()), check, check, TimeUnit.MILLISECONDS);
            LOG.info("Loaded group coordinator partition {}: {} records, {} offsets in {} ms", partition, count,
                    runtime.shard.offsetCount(), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
            return runtime;
        }, executor);
    }

    int partition() {
        return partition;
    }

    /** Runs an operation on the coordinator thread and writes the records it returns. */
    <T> CompletableFuture<T> run(Function<GroupShard, CoordinatorResult> operation, CompletableFuture<T> response) {
        executor.execute(() -> {
            try {
                apply(operation.apply(shard));
            } catch (RuntimeException e) {
                LOG.error("Group operation failed on coordinator partition {}", partition, e);
                response.completeExceptionally(e);
            }
        });
        return response;
    }

    /** Runs a read-only query on the coordinator thread. */
    <T> CompletableFuture<T> query(Function<GroupShard, T> query) {
        return CompletableFuture.supplyAsync(() -> query.apply(shard), executor);
    }

    private void apply(CoordinatorResult result) {
        if (result.records().isEmpty()) {
            result.afterWrite().accept(null);
            return;
        }
        log.append(result.records()).whenComplete((ignored, failure) -> executor.execute(() -> {
            if (failure != null) {
                LOG.warn("Writing {} group records to coordinator partition {} failed: {}", result.records().size(),
                        partition, failure.toString());
            }
            result.afterWrite().accept(failure);
            if (failure == null) {
                written.written(result.records());
            }
        }));
    }

    /** Stops serving: timers end, members waiting for a response are told to find the coordinator again. */
    CompletableFuture<Void> close() {
        return CompletableFuture.runAsync(() -> {
            if (retention != null) {
                retention.cancel(false);
            }
            timer.close();
            shard.abandon();
        }, executor).thenCompose(v -> log.close());
    }
}
