package io.tributary.spi.storage;

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
}
