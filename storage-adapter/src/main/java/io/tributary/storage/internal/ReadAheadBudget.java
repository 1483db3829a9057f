package io.tributary.storage.internal;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * The memory that all read-aheads of a broker may hold in entries read before their readers asked for
 * them. A read a reader waits for is always made and counts against the budget; reading ahead only
 * happens while the budget has room for the whole read. A budget of zero turns reading ahead off.
 */
public final class ReadAheadBudget {

    private final long maxBytes;
    private final AtomicLong held = new AtomicLong();
    private final LongAdder refused = new LongAdder();

    public ReadAheadBudget(long maxBytes) {
        if (maxBytes < 0) {
            throw new IllegalArgumentException("negative budget " + maxBytes);
        }
        this.maxBytes = maxBytes;
    }

    public long maxBytes() {
        return maxBytes;
    }

    public long heldBytes() {
        return held.get();
    }

    /** How many times a read-ahead could not start a read for lack of room; never counted while the budget is 0. */
    public long refusedReads() {
        return refused.sum();
    }

    /** Counts {@code bytes} held if they fit within the budget; otherwise counts nothing. */
    boolean tryHold(long bytes) {
        long now;
        do {
            now = held.get();
            if (now + bytes > maxBytes) {
                if (maxBytes > 0) {
                    refused.increment();
                }
                return false;
            }
        } while (!held.compareAndSet(now, now + bytes));
        return true;
    }

    /** Counts {@code bytes} held whether they fit or not: entries a reader waits for or gave back. */
    void hold(long bytes) {
        held.addAndGet(bytes);
    }

    void release(long bytes) {
        held.addAndGet(-bytes);
    }
}
