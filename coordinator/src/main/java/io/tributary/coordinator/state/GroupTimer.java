package io.tributary.coordinator.state;

import java.util.function.Supplier;

/**
 * Timers of a coordinator shard. A task runs on the shard's thread, like every other operation, and
 * its result's records are written as any operation's are. Scheduling a key again replaces its task.
 */
public interface GroupTimer {

    void schedule(String key, long delayMs, Supplier<CoordinatorResult> task);

    void cancel(String key);
}
