package io.tributary.host.services;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/** A module's own scheduler thread, created with the host's class loader and shut down with the module. */
final class ModuleScheduler {

    private ModuleScheduler() {
    }

    static ScheduledExecutorService create(String protocol) {
        ClassLoader hostLoader = ModuleScheduler.class.getClassLoader();
        AtomicInteger count = new AtomicInteger();
        ThreadFactory threads = task -> {
            Thread thread = new Thread(task, "tributary-" + protocol + "-scheduler-" + count.incrementAndGet());
            thread.setDaemon(true);
            thread.setContextClassLoader(hostLoader);
            return thread;
        };
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, threads);
        executor.setRemoveOnCancelPolicy(true);
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        return executor;
    }
}
