package io.tributary.host;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One configured listener, written {@code protocol://host:port} (e.g. {@code kafka://0.0.0.0:9092}).
 * Port 0 binds a free port.
 */
public record ListenerSpec(String protocol, String host, int port) {

    public static List<ListenerSpec> parseList(String key, String value) {
        List<ListenerSpec> specs = new ArrayList<>();
        if (value == null || value.isBlank()) {
            return specs;
        }
        for (String item : value.split(",")) {
            if (!item.isBlank()) {
                specs.add(parse(key, item.trim()));
            }
        }
        return specs;
    }

    public static ListenerSpec parse(String key, String value) {
        try {
            URI uri = new URI(value);
            if (uri.getScheme() == null || uri.getHost() == null || uri.getPort() < 0) {
                throw new IllegalArgumentException(key + ": expected protocol://host:port, got '" + value + "'");
            }
            return new ListenerSpec(uri.getScheme().toLowerCase(Locale.ROOT), uri.getHost(), uri.getPort());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(key + ": expected protocol://host:port, got '" + value + "'", e);
        }
    }

    @Override
    public String toString() {
        return protocol + "://" + host + ":" + port;
    }
}
