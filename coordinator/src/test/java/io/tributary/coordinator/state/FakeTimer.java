package io.tributary.coordinator.state;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** Timers on a clock the test moves; due tasks run in order, and their records count as written. */
final class FakeTimer implements GroupTimer {

    private record Task(long due, long order, Supplier<CoordinatorResult> body) {
    }

    private final Map<String, Task> tasks = new HashMap<>();
    final List<GroupRecord> written = new ArrayList<>();
    private long now;
    private long order;

    long now() {
        return now;
    }

    @Override
    public void schedule(String key, long delayMs, Supplier<CoordinatorResult> task) {
        tasks.put(key, new Task(now + delayMs, order++, task));
    }

    @Override
    public void cancel(String key) {
        tasks.remove(key);
    }

    boolean scheduled(String key) {
        return tasks.containsKey(key);
    }

    /** Applies a result as the runtime would after a successful write. */
    void write(CoordinatorResult result) {
        written.addAll(result.records());
        result.afterWrite().accept(null);
    }

    void advance(long ms) {
        long target = now + ms;
        while (true) {
            Map.Entry<String, Task> next = tasks.entrySet().stream()
                    .filter(e -> e.getValue().due() <= target)
                    .min(Comparator.comparingLong((Map.Entry<String, Task> e) -> e.getValue().due())
                            .thenComparingLong(e -> e.getValue().order()))
                    .orElse(null);
            if (next == null) {
                break;
            }
            tasks.remove(next.getKey());
            now = Math.max(now, next.getValue().due());
            write(next.getValue().body().get());
        }
        now = target;
    }
}
