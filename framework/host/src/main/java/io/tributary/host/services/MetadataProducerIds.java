package io.tributary.host.services;

import io.tributary.spi.coordination.ProducerIds;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.apache.pulsar.metadata.api.MetadataStore;
import org.apache.pulsar.metadata.api.MetadataStoreException;

/**
 * Producer ids from blocks reserved in the metadata store with a compare-and-set, so ids are unique across
 * brokers and never handed out twice, even after a restart (a restart skips the rest of its block).
 */
public final class MetadataProducerIds implements ProducerIds {

    static final String PATH = "/tributary/producer-id-block";
    static final long BLOCK_SIZE = 1000;

    private final MetadataStore store;
    private final Queue<CompletableFuture<Long>> waiting = new ArrayDeque<>();
    private long next;
    private long blockEnd;
    private boolean reserving;

    public MetadataProducerIds(MetadataStore store) {
        this.store = store;
    }

    @Override
    public CompletableFuture<Long> next() {
        CompletableFuture<Long> id = new CompletableFuture<>();
        synchronized (this) {
            if (next < blockEnd && waiting.isEmpty()) {
                return CompletableFuture.completedFuture(next++);
            }
            waiting.add(id);
            if (reserving) {
                return id;
            }
            reserving = true;
        }
        reserveBlock();
        return id;
    }

    private void reserveBlock() {
        store.get(PATH).thenCompose(current -> {
            long start = current.map(v -> ByteBuffer.wrap(v.getValue()).getLong()).orElse(0L);
            Optional<Long> expectedVersion = Optional.of(current.map(v -> v.getStat().getVersion()).orElse(-1L));
            byte[] end = ByteBuffer.allocate(Long.BYTES).putLong(start + BLOCK_SIZE).array();
            return store.put(PATH, end, expectedVersion).thenApply(stat -> start);
        }).whenComplete((start, error) -> {
            if (error != null && isLostRace(error)) {
                reserveBlock();
            } else if (error != null) {
                failWaiting(error);
            } else {
                handOut(start);
            }
        });
    }

    private void handOut(long start) {
        List<Runnable> completions = new ArrayList<>();
        boolean more;
        synchronized (this) {
            next = start;
            blockEnd = start + BLOCK_SIZE;
            while (next < blockEnd && !waiting.isEmpty()) {
                CompletableFuture<Long> waiter = waiting.poll();
                long id = next++;
                completions.add(() -> waiter.complete(id));
            }
            more = !waiting.isEmpty();
            reserving = more;
        }
        completions.forEach(Runnable::run);
        if (more) {
            reserveBlock();
        }
    }

    private void failWaiting(Throwable error) {
        List<CompletableFuture<Long>> failed;
        synchronized (this) {
            failed = new ArrayList<>(waiting);
            waiting.clear();
            reserving = false;
        }
        failed.forEach(f -> f.completeExceptionally(error));
    }

    private static boolean isLostRace(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        return cause instanceof MetadataStoreException.BadVersionException;
    }
}
