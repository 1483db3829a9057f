package io.tributary.host.services;

import io.tributary.spi.Endpoint;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Where a broker publishes its live endpoints per protocol, for lookups from other brokers. */
public interface EndpointDirectory {

    /** Replaces this broker's endpoints for {@code protocol}; an empty list removes them. */
    CompletableFuture<Void> publish(String protocol, List<Endpoint> endpoints);
}
