package io.tributary.kafka.api;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/** Tasks the module scheduled on the host's scheduler, so that stopping the module cancels them all. */
public final class DelayedTasks {

    /** Cancels a scheduled task; cancelling twice, or after it ran, does nothing. */
    @FunctionalInterface
    public interface Cancellable {
        void cancel();
    }

    private final ScheduledExecutorService scheduler;
    private final Set<Entry> scheduled = ConcurrentHashMap.newKeySet();
    private volatile boolean stopped;

    public DelayedTasks(ScheduledExecutorService scheduler) {
        this.scheduler = scheduler;
    }

    public Cancellable schedule(Runnable task, long delay, TimeUnit unit) {
        Entry entry = new Entry(task);
        if (stopped) {
            return entry;
        }
        scheduled.add(entry);
        entry.future = scheduler.schedule(entry, delay, unit);
        if (stopped) {
            entry.cancel();
        }
        return entry;
    }

    public int pending() {
        return scheduled.size();
    }

    public void cancelAll() {
        stopped = true;
        scheduled.forEach(Entry::cancel);
    }

    private final class Entry implements Runnable, Cancellable {
        private final Runnable task;
        private volatile ScheduledFuture<?> future;

        private Entry(Runnable task) {
            this.task = task;
        }

        @Override
        public void run() {
            if (scheduled.remove(this)) {
                task.run();
            }
        }

        @Override
        public void cancel() {
            scheduled.remove(this);
            ScheduledFuture<?> scheduledFuture = future;
            if (scheduledFuture != null) {
                scheduledFuture.cancel(false);
            }
        }
    }
}
