package io.tributary.coordinator.runtime;

import io.tributary.coordinator.state.CoordinatorResult;
import io.tributary.coordinator.state.GroupTimer;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

/** Timers of one shard on the coordinator's thread; only that thread calls it. */
final class ExecutorTimer implements GroupTimer {

    private final ScheduledExecutorService executor;
    private final Consumer<CoordinatorResult> apply;
    private final Map<String, ScheduledFuture<?>> tasks = new HashMap<>();
    private boolean closed;

    ExecutorTimer(ScheduledExecutorService executor, Consumer<CoordinatorResult> apply) {
        this.executor = executor;
        this.apply = apply;
    }

    @Override
    public void schedule(String key, long delayMs, Supplier<CoordinatorResult> task) {
        cancel(key);
        if (closed) {
            return;
        }
        ScheduledFuture<?>[] self = new ScheduledFuture<?>[1];
        self[0] = executor.schedule(() -> {
            if (tasks.get(key) == self[0]) {
                tasks.remove(key);
                apply.accept(task.get());
            }
        }, delayMs, TimeUnit.MILLISECONDS);
        tasks.put(key, self[0]);
    }

    @Override
    public void cancel(String key) {
        ScheduledFuture<?> task = tasks.remove(key);
        if (task != null) {
            task.cancel(false);
        }
    }

    void close() {
        closed = true;
        tasks.values().forEach(task -> task.cancel(false));
        tasks.clear();
    }
}
