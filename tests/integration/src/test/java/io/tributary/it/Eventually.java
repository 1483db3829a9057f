package io.tributary.it;

import java.time.Duration;
import java.util.concurrent.Callable;

/** Bounded waits for conditions that become true asynchronously. */
final class Eventually {

    private Eventually() {
    }

    static void until(String what, Duration bound, Callable<Boolean> condition) throws Exception {
        long deadline = System.nanoTime() + bound.toNanos();
        Exception last = null;
        while (System.nanoTime() < deadline) {
            try {
                if (Boolean.TRUE.equals(condition.call())) {
                    return;
                }
                last = null;
            } catch (Exception e) {
                last = e;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("not within " + bound + ": " + what, last);
    }
}
