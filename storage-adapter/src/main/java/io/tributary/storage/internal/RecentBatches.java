package io.tributary.storage.internal;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.tributary.spi.storage.EntryFormat;
import io.tributary.spi.storage.RecordBatch;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * The batches most recently appended to one partition log, in the protocol bytes they arrived in, so
 * that readers of that protocol are served without storage reads or conversion. What is kept is bounded
 * by a {@link RecentBatchBudget} shared by all logs; the log drops everything when it closes.
 */
final class RecentBatches {

    private final RecentBatchBudget budget;
    private final ByteBufAllocator allocator;
    private final NavigableMap<Long, RecentBatch> byBaseOffset = new TreeMap<>();
    private boolean closed;

    RecentBatches(RecentBatchBudget budget, ByteBufAllocator allocator) {
        this.budget = budget;
        this.allocator = allocator;
    }

    /**
     * The batch's protocol bytes to keep once it is appended (the entry written to storage may share them):
     * a reference when the batch can share its bytes, otherwise a copy; null when they will not be kept.
     */
    ByteBuf keep(RecordBatch batch) {
        ByteBuf raw = batch.raw();
        if (raw == null || batch.rawFormat() == null || !budget.admits(raw.readableBytes())) {
            return null;
        }
        ByteBuf shared = batch.retainedRaw();
        if (shared != null) {
            return shared;
        }
        ByteBuf copy = allocator.directBuffer(raw.readableBytes());
        copy.writeBytes(raw, raw.readerIndex(), raw.readableBytes());
        return copy;
    }

    /** Keeps an appended batch, taking over its bytes. */
    void add(long baseOffset, int recordCount, EntryFormat format, String rawFormat, ByteBuf bytes) {
        RecentBatch batch = new RecentBatch(baseOffset, recordCount, format, rawFormat, bytes);
        synchronized (this) {
            if (closed) {
                batch.release();
                return;
            }
            RecentBatch replaced = byBaseOffset.put(baseOffset, batch);
            if (replaced != null) {
                replaced.release();
                budget.released(replaced.sizeInBytes());
            }
        }
        budget.added(this, batch);
    }

    /**
     * References to the kept batches in {@code rawFormat} below {@code endOffset} from the one holding
     * {@code fromOffset}: that one, then each batch that directly follows while the total stays within
     * {@code maxBytes}. Empty when the batch holding {@code fromOffset} is not kept.
     */
    synchronized List<RecentBatch> read(long fromOffset, long endOffset, int maxBytes, String rawFormat) {
        Map.Entry<Long, RecentBatch> first = byBaseOffset.floorEntry(fromOffset);
        if (first == null || first.getValue().lastOffset() < fromOffset) {
            return List.of();
        }
        List<RecentBatch> found = new ArrayList<>();
        RecentBatch next = first.getValue();
        long bytes = 0;
        while (next != null && next.rawFormat().equals(rawFormat) && next.lastOffset() < endOffset
                && (found.isEmpty() || bytes + next.sizeInBytes() <= maxBytes)) {
            found.add(next.retained());
            bytes += next.sizeInBytes();
            next = byBaseOffset.get(next.lastOffset() + 1);
        }
        return found;
    }

    /** Drops one batch the budget no longer has room for; false when it was already gone. */
    synchronized boolean evict(RecentBatch batch) {
        if (!byBaseOffset.remove(batch.baseOffset(), batch)) {
            return false;
        }
        batch.release();
        return true;
    }

    /** Drops every batch and keeps no more. */
    void close() {
        long freed = 0;
        synchronized (this) {
            closed = true;
            for (RecentBatch batch : byBaseOffset.values()) {
                freed += batch.sizeInBytes();
                batch.release();
            }
            byBaseOffset.clear();
        }
        budget.released(freed);
    }

    synchronized int size() {
        return byBaseOffset.size();
    }
}
