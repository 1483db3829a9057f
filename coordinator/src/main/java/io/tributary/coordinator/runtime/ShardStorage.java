package io.tributary.coordinator.runtime;

import java.util.concurrent.CompletableFuture;

/**
 * Opens the log of a coordinator partition this broker owns; fails with a
 * {@link io.tributary.spi.coordination.GroupException} of {@code NOT_COORDINATOR} when another broker owns it.
 */
@FunctionalInterface
public interface ShardStorage {
    CompletableFuture<RecordLog> open(int partition);
}
