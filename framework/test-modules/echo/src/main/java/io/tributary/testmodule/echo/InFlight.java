package io.tributary.testmodule.echo;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/** Counts requests being answered; {@link #drain()} completes once none are left. */
final class InFlight {

    private final AtomicInteger count = new AtomicInteger();
    private final CompletableFuture<Void> drained = new CompletableFuture<>();
    private volatile boolean draining;

    void begin() {
        count.incrementAndGet();
    }

    void end() {
        if (count.decrementAndGet() == 0 && draining) {
            drained.complete(null);
        }
    }

    int count() {
        return count.get();
    }

    boolean draining() {
        return draining;
    }

    CompletableFuture<Void> drain() {
        draining = true;
        if (count.get() == 0) {
            drained.complete(null);
        }
        return drained;
    }
}
