package io.tributary.spi;

import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * One bound listener of a protocol: where the host accepts connections and what clients are told to
 * connect to.
 *
 * @param name       listener name, unique per protocol on a broker ({@code kafka} for the first one)
 * @param protocol   protocol name
 * @param bind       local address the host accepts on (the real port once bound)
 * @param advertised the endpoint clients should use
 */
public record Listener(String name, String protocol, InetSocketAddress bind, Endpoint advertised) {
    public Listener {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(bind, "bind");
        Objects.requireNonNull(advertised, "advertised");
    }
}
