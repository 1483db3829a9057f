package io.tributary.kafka.fetch;

import io.tributary.kafka.api.DelayedTasks;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.kafka.common.protocol.Errors;

/**
 * A fetch that waits, without polling, until its partitions hold at least {@code minBytes} or
 * {@code maxWaitMs} has passed: after a short read it waits for any partition's end offset to move
 * (or for the deadline) and reads again. Cancelling the returned future drops the waits. Reads that are
 * not handed on (a short read before another attempt, or one that finishes after the cancel) are released.
 */
final class DelayedFetch {

    private final DelayedTasks tasks;

    DelayedFetch(DelayedTasks tasks) {
        this.tasks = tasks;
    }

    CompletableFuture<List<PartitionRead>> run(Supplier<CompletableFuture<List<PartitionRead>>> readAll,
                                               int minBytes, int maxWaitMs) {
        CompletableFuture<List<PartitionRead>> result = new CompletableFuture<>();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(Math.max(0, maxWaitMs));
        attempt(readAll, minBytes, deadline, result);
        return result;
    }

    private void attempt(Supplier<CompletableFuture<List<PartitionRead>>> readAll, int minBytes, long deadline,
                         CompletableFuture<List<PartitionRead>> result) {
        if (result.isDone()) {
            return;
        }
        readAll.get().whenComplete((reads, failure) -> {
            if (failure != null) {
                result.completeExceptionally(failure);
                return;
            }
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0 || satisfied(reads, minBytes)) {
                if (!result.complete(reads)) {
                    reads.forEach(PartitionRead::release);
                }
                return;
            }
            reads.forEach(PartitionRead::release);
            awaitData(reads, remaining, result).thenRun(() -> attempt(readAll, minBytes, deadline, result));
        });
    }

    private static boolean satisfied(List<PartitionRead> reads, int minBytes) {
        int bytes = 0;
        boolean waitable = false;
        for (PartitionRead read : reads) {
            if (read.error() != Errors.NONE) {
                return true;
            }
            bytes += read.bytes();
            waitable |= read.log() != null;
        }
        return bytes >= minBytes || !waitable;
    }

    /** Completes when any partition's end offset moves past what was read, or after {@code remainingNanos}. */
    private CompletableFuture<Void> awaitData(List<PartitionRead> reads, long remainingNanos,
                                              CompletableFuture<?> result) {
        CompletableFuture<Void> wake = new CompletableFuture<>();
        List<CompletableFuture<Long>> waits = new ArrayList<>(reads.size());
        for (PartitionRead read : reads) {
            long seen = Math.max(read.highWatermark(), read.fetch().fetchOffset());
            CompletableFuture<Long> wait = read.log().awaitEndOffsetAbove(seen);
            waits.add(wait);
            wait.whenComplete((offset, failure) -> wake.complete(null));
        }
        DelayedTasks.Cancellable timeout = tasks.schedule(() -> wake.complete(null), remainingNanos, TimeUnit.NANOSECONDS);
        result.whenComplete((value, failure) -> wake.complete(null));
        return wake.whenComplete((ignored, failure) -> {
            timeout.cancel();
            waits.forEach(wait -> wait.cancel(false));
        });
    }
}
