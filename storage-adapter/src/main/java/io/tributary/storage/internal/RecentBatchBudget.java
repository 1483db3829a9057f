package io.tributary.storage.internal;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The memory that all partition logs of a broker may spend on keeping recently appended batches in
 * their protocol bytes. When it is full the oldest batches, across all logs, leave first. A budget of
 * zero keeps nothing.
 */
public final class RecentBatchBudget {

    private record Kept(RecentBatches holder, RecentBatch batch) {
    }

    private final long maxBytes;
    private final AtomicLong used = new AtomicLong();
    private final Queue<Kept> oldestFirst = new ConcurrentLinkedQueue<>();

    public RecentBatchBudget(long maxBytes) {
        if (maxBytes < 0) {
            throw new IllegalArgumentException("negative budget " + maxBytes);
        }
        this.maxBytes = maxBytes;
    }

    public long maxBytes() {
        return maxBytes;
    }

    public long usedBytes() {
        return used.get();
    }

    /** Whether a batch of this size may be kept at all; one batch takes at most an eighth of the budget. */
    boolean admits(int bytes) {
        return maxBytes > 0 && bytes <= maxBytes / 8;
    }

    /** Accounts for a batch a log now keeps, evicting the oldest batches while over budget. */
    void added(RecentBatches holder, RecentBatch batch) {
        oldestFirst.add(new Kept(holder, batch));
        used.addAndGet(batch.sizeInBytes());
        while (used.get() > maxBytes) {
            Kept oldest = oldestFirst.poll();
            if (oldest == null) {
                return;
            }
            if (oldest.holder.evict(oldest.batch)) {
                used.addAndGet(-oldest.batch.sizeInBytes());
            }
        }
    }

    /** Accounts for batches a log dropped by itself. */
    void released(long bytes) {
        used.addAndGet(-bytes);
    }
}
