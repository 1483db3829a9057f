package io.tributary.spi.coordination;

import java.util.concurrent.CompletableFuture;

/** Hands out producer ids that are unique across the cluster and never reused, even after restarts. */
public interface ProducerIds {
    CompletableFuture<Long> next();
}
