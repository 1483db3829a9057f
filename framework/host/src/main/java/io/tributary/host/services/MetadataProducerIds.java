package io.tributary.host.services;

import io.tributary.spi.coordination.ProducerIds;
import java.nio.ByteBuffer;
import java.util.Optional;
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
    private long next;
    private long blockEnd;
    private CompletableFuture<Void> pendingBlock;

    public MetadataProducerIds(MetadataStore store) {
        this.store = store;
    }

    @Override
    public synchronized CompletableFuture<Long> next() {
        if (next < blockEnd) {
            return CompletableFuture.completedFuture(next++);
        }
        if (pendingBlock == null) {
            pendingBlock = reserveBlock().whenComplete((ignored, error) -> {
                synchronized (this) {
                    pendingBlock = null;
                }
            });
        }
        return pendingBlock.thenCompose(ignored -> next());
    }

    private CompletableFuture<Void> reserveBlock() {
        return store.get(PATH).thenCompose(current -> {
            long start = current.map(v -> ByteBuffer.wrap(v.getValue()).getLong()).orElse(0L);
            Optional<Long> expectedVersion = Optional.of(current.map(v -> v.getStat().getVersion()).orElse(-1L));
            byte[] end = ByteBuffer.allocate(Long.BYTES).putLong(start + BLOCK_SIZE).array();
            return store.put(PATH, end, expectedVersion)
                    .thenAccept(stat -> {
                        synchronized (this) {
                            next = start;
                            blockEnd = start + BLOCK_SIZE;
                        }
                    })
                    .exceptionallyCompose(error -> isLostRace(error) ? reserveBlock() : CompletableFuture.failedFuture(error));
        });
    }

    private static boolean isLostRace(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        return cause instanceof MetadataStoreException.BadVersionException;
    }
}
