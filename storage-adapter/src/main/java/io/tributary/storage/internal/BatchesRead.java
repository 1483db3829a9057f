package io.tributary.storage.internal;

import io.tributary.conversion.DecodedBatch;
import io.tributary.spi.storage.ReadResult;
import io.tributary.spi.storage.StoredBatch;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/** Batches read from a partition log; closing releases their buffers once. */
final class BatchesRead implements ReadResult {

    private final List<StoredBatch> batches;
    private final Runnable release;
    private final long logStartOffset;
    private final long logEndOffset;
    private final AtomicBoolean closed = new AtomicBoolean();

    private BatchesRead(List<StoredBatch> batches, Runnable release, long logStartOffset, long logEndOffset) {
        this.batches = batches;
        this.release = release;
        this.logStartOffset = logStartOffset;
        this.logEndOffset = logEndOffset;
    }

    static BatchesRead decoded(List<DecodedBatch> decoded, long logStartOffset, long logEndOffset) {
        List<DecodedBatch> held = List.copyOf(decoded);
        return new BatchesRead(List.copyOf(held), () -> held.forEach(DecodedBatch::release), logStartOffset,
                logEndOffset);
    }

    static BatchesRead recent(List<RecentBatch> recent, long logStartOffset, long logEndOffset) {
        List<RecentBatch> held = List.copyOf(recent);
        return new BatchesRead(List.copyOf(held), () -> held.forEach(RecentBatch::release), logStartOffset,
                logEndOffset);
    }

    @Override
    public List<StoredBatch> batches() {
        return batches;
    }

    @Override
    public long logStartOffset() {
        return logStartOffset;
    }

    @Override
    public long logEndOffset() {
        return logEndOffset;
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            release.run();
        }
    }
}
