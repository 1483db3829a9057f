package io.tributary.storage;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The memory that all partition logs of a broker may spend on keeping recently appended batches in
 * their protocol bytes. When it is full the oldest batches, across all logs, leave first. A budget of
 * zero keeps nothing.
 */
public final class RecentBatchBudget {

    /** What evicting a batch needs: the log that holds it, which frees it if it still does. */
    public interface Holder<B> {
        boolean evict(B batch);
    }

    private record Kept(Holder<Object> holder, Object batch, int bytes) {
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
    public boolean admits(int bytes) {
        return maxBytes > 0 && bytes <= maxBytes / 8;
    }

    /** Accounts for a batch a holder now keeps, evicting the oldest batches while over budget. */
    @SuppressWarnings("unchecked")
    public <B> void added(Holder<B> holder, B batch, int bytes) {
        oldestFirst.add(new Kept((Holder<Object>) holder, batch, bytes));
        used.addAndGet(bytes);
        while (used.get() > maxBytes) {
            Kept oldest = oldestFirst.poll();
            if (oldest == null) {
                return;
            }
            if (oldest.holder.evict(oldest.batch)) {
                used.addAndGet(-oldest.bytes);
            }
        }
    }

    /** Accounts for batches a holder dropped by itself. */
    public void released(long bytes) {
        used.addAndGet(-bytes);
    }
}
