package io.tributary.kafka.api;

import io.tributary.spi.Endpoint;
import java.util.Locale;

/**
 * A broker as Kafka clients see it. Kafka needs an integer node id per broker; it is derived from the
 * advertised endpoint so that every broker computes the same id for the same endpoint, across restarts,
 * without coordination.
 */
public record BrokerNode(int id, Endpoint endpoint) {

    public static BrokerNode of(Endpoint endpoint) {
        String key = endpoint.host().toLowerCase(Locale.ROOT) + ":" + endpoint.port();
        return new BrokerNode(key.hashCode() & Integer.MAX_VALUE, endpoint);
    }

    public String host() {
        return endpoint.host();
    }

    public int port() {
        return endpoint.port();
    }
}
