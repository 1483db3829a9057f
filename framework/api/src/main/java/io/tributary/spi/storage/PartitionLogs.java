package io.tributary.spi.storage;

import io.netty.channel.Channel;
import io.tributary.spi.topic.TopicName;
import java.util.concurrent.CompletableFuture;

/** Opens the partition logs this broker owns. */
public interface PartitionLogs {

    /**
     * The log of one partition, loading it on first use. Fails with {@link NotOwnerException} when
     * another broker owns the partition and with
     * {@link io.tributary.spi.topic.TopicNotFoundException} when it does not exist.
     */
    CompletableFuture<PartitionLog> open(TopicName topic, int partition);

    /**
     * The publisher for the appends that arrive on {@code channel}, shown in Pulsar's topic stats as
     * {@code name} with {@code clientVersion}. It leaves every topic when the channel closes. {@code resume}
     * runs on the channel's event loop when a publish rate limit stops holding it back.
     */
    default Publisher publisher(Channel channel, String name, String clientVersion, Runnable resume) {
        return Publisher.NONE;
    }
}
