package io.tributary.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Ports for test listeners, taken below the kernel's ephemeral range. A port from {@code new ServerSocket(0)}
 * comes from that range, where any outgoing connection (a client, the BookKeeper client, another broker) may
 * take it between the moment it is chosen and the moment the broker binds it.
 */
final class FreePorts {

    private static final Path EPHEMERAL_RANGE = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
    private static final int LOWEST = 10_000;
    private static final int FALLBACK_EPHEMERAL_START = 32_768;
    private static int offset = -1;

    private FreePorts() {
    }

    static synchronized int next() {
        int ceiling = ephemeralStart();
        int span = ceiling - LOWEST;
        if (offset < 0) {
            offset = ThreadLocalRandom.current().nextInt(span);
        }
        for (int attempt = 0; attempt < span; attempt++) {
            int port = LOWEST + offset;
            offset = (offset + 1) % span;
            if (bindable(port)) {
                return port;
            }
        }
        throw new IllegalStateException("no free port between " + LOWEST + " and " + ceiling);
    }

    private static boolean bindable(int port) {
        return bindable(new InetSocketAddress(port)) && bindable(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
    }

    private static boolean bindable(InetSocketAddress address) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(address);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int ephemeralStart() {
        try {
            if (Files.isReadable(EPHEMERAL_RANGE)) {
                int start = Integer.parseInt(Files.readString(EPHEMERAL_RANGE).trim().split("\\s+")[0]);
                return start > LOWEST + 1_000 ? start : FALLBACK_EPHEMERAL_START;
            }
            return FALLBACK_EPHEMERAL_START;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
