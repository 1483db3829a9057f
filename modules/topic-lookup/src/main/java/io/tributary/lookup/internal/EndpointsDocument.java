package io.tributary.lookup.internal;

import io.tributary.spi.Endpoint;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The JSON stored for one broker: its advertised endpoints per protocol. */
public record EndpointsDocument(Map<String, List<EndpointData>> protocols) {

    public EndpointsDocument {
        protocols = protocols == null ? Map.of() : Map.copyOf(protocols);
    }

    /** One advertised endpoint; a separate type so the stored JSON does not depend on the SPI's record. */
    public record EndpointData(String host, int port) {
        public Endpoint toEndpoint() {
            return new Endpoint(host, port);
        }

        public static EndpointData of(Endpoint endpoint) {
            return new EndpointData(endpoint.host(), endpoint.port());
        }
    }

    public EndpointsDocument with(String protocol, List<Endpoint> endpoints) {
        Map<String, List<EndpointData>> copy = new TreeMap<>(protocols);
        if (endpoints.isEmpty()) {
            copy.remove(protocol);
        } else {
            copy.put(protocol, endpoints.stream().map(EndpointData::of).toList());
        }
        return new EndpointsDocument(copy);
    }
}
