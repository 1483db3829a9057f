package io.tributary.kafka.network;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/** The module's open connections, so that a drain reaches every one of them. */
public final class Connections {

    private final Set<ConnectionHandler> open = ConcurrentHashMap.newKeySet();
    private volatile boolean draining;

    /** Registers a new connection; false when the module is draining and the connection must not be served. */
    boolean add(ConnectionHandler connection) {
        open.add(connection);
        return !draining;
    }

    void remove(ConnectionHandler connection) {
        open.remove(connection);
    }

    public int size() {
        return open.size();
    }

    /**
     * Stops reading on every connection; completes when all requests in flight are answered or when
     * {@code timeout} has passed, whichever comes first.
     */
    public CompletableFuture<Void> drain(Duration timeout, ScheduledExecutorService scheduler) {
        draining = true;
        CompletableFuture<Void> all = CompletableFuture.allOf(
                open.stream().map(ConnectionHandler::drain).toArray(CompletableFuture[]::new));
        if (all.isDone()) {
            return all;
        }
        CompletableFuture<Void> bounded = new CompletableFuture<>();
        ScheduledFuture<?> timer = scheduler.schedule(() -> bounded.complete(null), timeout.toMillis(), TimeUnit.MILLISECONDS);
        all.whenComplete((ignored, failure) -> {
            timer.cancel(false);
            bounded.complete(null);
        });
        return bounded;
    }
}
