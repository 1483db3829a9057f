package io.tributary.kafka.api;

import io.netty.channel.Channel;
import io.tributary.spi.storage.PartitionLogs;
import io.tributary.spi.storage.Publisher;

/**
 * The client connection a request arrived on: its id, the client software it named in ApiVersions and,
 * once it produces, its publisher on the partition logs.
 */
public final class ClientConnection {

    private final String id;
    private final Channel channel;
    private final Runnable resume;
    private volatile String clientSoftware = "kafka-client";
    private volatile Publisher publisher;

    /**
     * @param resume runs on the channel's event loop when a publish rate limit stops holding the
     *               connection back
     */
    public ClientConnection(String id, Channel channel, Runnable resume) {
        this.id = id;
        this.channel = channel;
        this.resume = resume;
    }

    /** Unique on this broker. */
    public String id() {
        return id;
    }

    /** Records the client software a client names in ApiVersions (version 3 and later). */
    public void clientSoftware(String name, String version) {
        if (name != null && !name.isEmpty()) {
            clientSoftware = version == null || version.isEmpty() ? name : name + "/" + version;
        }
    }

    /** The connection's publisher on {@code logs}, made on its first produce and named after that client id. */
    public Publisher publisher(PartitionLogs logs, String clientId) {
        Publisher known = publisher;
        if (known == null) {
            String name = clientId == null || clientId.isEmpty() ? id : id + "-" + clientId;
            known = logs.publisher(channel, name, clientSoftware, resume);
            publisher = known;
        }
        return known;
    }

    /** True while a publish rate limit holds the connection back. */
    public boolean throttled() {
        Publisher known = publisher;
        return known != null && known.throttled();
    }
}
