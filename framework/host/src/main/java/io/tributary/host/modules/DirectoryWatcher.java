package io.tributary.host.modules;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls the modules directory. A jar is acted on once its size and modification time have stayed the same
 * for one interval, so a file still being copied is not installed half-written.
 */
public final class DirectoryWatcher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DirectoryWatcher.class);

    private final ModuleRegistry registry;
    private final Path directory;
    private final ScheduledExecutorService timer;
    private Map<String, String> lastSeen = new HashMap<>();

    public DirectoryWatcher(ModuleRegistry registry, Path directory) {
        this.registry = registry;
        this.directory = directory;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "tributary-modules-watch");
            thread.setDaemon(true);
            return thread;
        });
    }

    public void start(Duration interval) {
        timer.scheduleWithFixedDelay(this::poll, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void poll() {
        try {
            Map<String, String> seen = new HashMap<>();
            Set<String> settled = new HashSet<>();
            for (String file : registry.jarFiles()) {
                String stamp = stamp(directory.resolve(file));
                seen.put(file, stamp);
                if (stamp.equals(lastSeen.get(file))) {
                    settled.add(file);
                }
            }
            lastSeen = seen;
            registry.reconcile(settled).join();
        } catch (RuntimeException e) {
            LOG.warn("Scanning the modules directory {} failed: {}", directory, e.toString());
        }
    }

    private static String stamp(Path file) {
        try {
            return Files.size(file) + "@" + Files.getLastModifiedTime(file).toMillis();
        } catch (IOException gone) {
            return "";
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
