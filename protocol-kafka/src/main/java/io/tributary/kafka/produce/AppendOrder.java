package io.tributary.kafka.produce;

import io.tributary.spi.storage.PartitionLog;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Keeps appends to one partition in the order their requests arrived. Finding the partition's log is
 * asynchronous, so two pipelined requests could otherwise reach {@link PartitionLog#append} in the wrong
 * order. A request waits only until the one before it has called {@code append}, not until that append is
 * durable, so appends stay pipelined.
 */
final class AppendOrder {

    private final ConcurrentHashMap<String, CompletableFuture<Void>> tails = new ConcurrentHashMap<>();

    <T> CompletableFuture<T> inOrder(String partitionKey, Supplier<CompletableFuture<PartitionLog>> open,
                                     Function<PartitionLog, CompletableFuture<T>> append) {
        CompletableFuture<Void> appendCalled = new CompletableFuture<>();
        CompletableFuture<Void> previous = tails.put(partitionKey, appendCalled);
        CompletableFuture<Void> turn = previous == null ? CompletableFuture.completedFuture(null) : previous;
        return turn.thenCompose(ignored -> open.get())
                .thenCompose(log -> {
                    try {
                        return append.apply(log);
                    } finally {
                        release(partitionKey, appendCalled);
                    }
                })
                .whenComplete((result, error) -> release(partitionKey, appendCalled));
    }

    private void release(String partitionKey, CompletableFuture<Void> appendCalled) {
        appendCalled.complete(null);
        tails.remove(partitionKey, appendCalled);
    }
}
