package io.tributary.kafka.fakes;

import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.Delayed;
import java.util.concurrent.FutureTask;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Runs submitted tasks on the caller's thread, as an embedded event loop does, so a response that needs
 * no waiting is written before the request call returns. Tasks submitted while one runs, and timers due
 * at once, run right after it; later timers run on a background thread. One task runs at a time.
 */
final class InlineScheduler extends ScheduledThreadPoolExecutor {

    private final ReentrantLock running = new ReentrantLock();
    private final Queue<Runnable> queued = new ArrayDeque<>();

    InlineScheduler() {
        super(1, task -> {
            Thread thread = new Thread(task, "fake-group-timer");
            thread.setDaemon(true);
            return thread;
        });
        setRemoveOnCancelPolicy(true);
    }

    @Override
    public void execute(Runnable task) {
        run(task);
    }

    @Override
    public ScheduledFuture<?> schedule(Runnable task, long delay, TimeUnit unit) {
        if (delay > 0) {
            return super.schedule(() -> run(task), delay, unit);
        }
        Immediate immediate = new Immediate(task);
        run(immediate);
        return immediate;
    }

    private void run(Runnable task) {
        synchronized (queued) {
            queued.add(task);
        }
        if (running.isHeldByCurrentThread()) {
            return;
        }
        running.lock();
        try {
            while (true) {
                Runnable next;
                synchronized (queued) {
                    next = queued.poll();
                }
                if (next == null) {
                    return;
                }
                next.run();
            }
        } finally {
            running.unlock();
        }
    }

    /** A timer due at once: runs after the current task, unless cancelled first. */
    private static final class Immediate extends FutureTask<Object> implements ScheduledFuture<Object> {
        Immediate(Runnable task) {
            super(task, null);
        }

        @Override
        public long getDelay(TimeUnit unit) {
            return 0;
        }

        @Override
        public int compareTo(Delayed other) {
            return Long.compare(0, other.getDelay(TimeUnit.NANOSECONDS));
        }
    }
}
