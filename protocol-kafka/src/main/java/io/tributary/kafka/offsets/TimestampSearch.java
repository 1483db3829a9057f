package io.tributary.kafka.offsets;

import io.tributary.spi.storage.PartitionLog;
import io.tributary.spi.storage.ReadResult;
import io.tributary.spi.storage.StoredBatch;
import java.util.concurrent.CompletableFuture;

/** Offsets found by record timestamp, with the timestamp of the record found. */
final class TimestampSearch {

    /** A record's offset and timestamp; both -1 when there is no such record. */
    record Found(long offset, long timestamp) {
        static final Found NONE = new Found(-1L, -1L);
    }

    private TimestampSearch() {
    }

    /** The first record whose timestamp is at or after {@code timestampMs}. */
    static CompletableFuture<Found> atOrAfter(PartitionLog log, long timestampMs) {
        return log.offsetForTimestamp(timestampMs).thenCompose(offset -> offset < 0
                ? CompletableFuture.completedFuture(Found.NONE)
                : log.read(offset, 1).thenApply(result -> timestampOf(result, offset)));
    }

    /**
     * The record with the largest timestamp in the log's last batch: the record with the largest
     * timestamp overall when timestamps grow with offsets, as they do for producers that stamp records
     * with their creation time. Finding it in any order would mean reading the whole log.
     */
    static CompletableFuture<Found> latestTimestamp(PartitionLog log) {
        long end = log.logEndOffset();
        if (end <= log.logStartOffset()) {
            return CompletableFuture.completedFuture(Found.NONE);
        }
        return log.read(end - 1, 1).thenApply(TimestampSearch::maxIn);
    }

    private static Found timestampOf(ReadResult result, long offset) {
        try (result) {
            long[] found = {-1L};
            for (StoredBatch batch : result.batches()) {
                batch.forEachRecord((recordOffset, timestampMs, key, value, headers) -> {
                    if (recordOffset == offset) {
                        found[0] = timestampMs;
                    }
                });
            }
            return new Found(offset, found[0]);
        }
    }

    private static Found maxIn(ReadResult result) {
        try (result) {
            long[] best = {-1L, -1L};
            for (StoredBatch batch : result.batches()) {
                batch.forEachRecord((offset, timestampMs, key, value, headers) -> {
                    if (best[0] < 0 || timestampMs >= best[1]) {
                        best[0] = offset;
                        best[1] = timestampMs;
                    }
                });
            }
            return best[0] < 0 ? Found.NONE : new Found(best[0], best[1]);
        }
    }
}
