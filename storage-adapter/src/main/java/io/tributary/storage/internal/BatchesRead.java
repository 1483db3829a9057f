package io.tributary.storage.internal;

import io.tributary.conversion.DecodedBatch;
import io.tributary.spi.storage.ReadResult;
import io.tributary.spi.storage.StoredBatch;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/** Batches read from a partition log; closing releases their buffers once. */
final class BatchesRead implements ReadResult {

    private final List<DecodedBatch> decoded;
    private final long logStartOffset;
    private final long logEndOffset;
    private final AtomicBoolean closed = new AtomicBoolean();

    BatchesRead(List<DecodedBatch> decoded, long logStartOffset, long logEndOffset) {
        this.decoded = List.copyOf(decoded);
        this.logStartOffset = logStartOffset;
        this.logEndOffset = logEndOffset;
    }

    @Override
    public List<StoredBatch> batches() {
        return List.copyOf(decoded);
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
            decoded.forEach(DecodedBatch::release);
        }
    }
}
