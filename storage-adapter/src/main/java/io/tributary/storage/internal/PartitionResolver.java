package io.tributary.storage.internal;

import io.tributary.spi.storage.NotOwnerException;
import io.tributary.spi.topic.TopicName;
import io.tributary.spi.topic.TopicNotFoundException;
import java.util.concurrent.CompletableFuture;
import org.apache.pulsar.broker.PulsarService;
import org.apache.pulsar.broker.namespace.LookupOptions;

/**
 * Maps a partition onto its Pulsar topic (a partition of a partitioned topic, or partition 0 of a
 * non-partitioned one) and makes sure this broker owns it, asking Pulsar to assign the bundle when
 * nobody owns it yet.
 */
public final class PartitionResolver {

    /** The Pulsar topic that holds a partition. */
    public record Resolved(String pulsarName, boolean partitioned) {
    }

    private final PulsarService pulsar;

    public PartitionResolver(PulsarService pulsar) {
        this.pulsar = pulsar;
    }

    public CompletableFuture<Resolved> resolve(TopicName topic, int partition) {
        org.apache.pulsar.common.naming.TopicName base = org.apache.pulsar.common.naming.TopicName.get(topic.pulsarName());
        return pulsar.getPulsarResources().getNamespaceResources().getPartitionedTopicResources()
                .getPartitionedTopicMetadataAsync(base).thenCompose(metadata -> {
                    if (metadata.isPresent() && metadata.get().partitions > 0) {
                        if (partition < 0 || partition >= metadata.get().partitions) {
                            throw new TopicNotFoundException("no partition " + partition + " in " + topic);
                        }
                        return CompletableFuture.completedFuture(new Resolved(topic.partitionName(partition), true));
                    }
                    return pulsar.getPulsarResources().getTopicResources().persistentTopicExists(base)
                            .thenApply(exists -> {
                                if (!exists || partition != 0) {
                                    throw new TopicNotFoundException("no partition " + partition + " in " + topic);
                                }
                                return new Resolved(topic.pulsarName(), false);
                            });
                });
    }

    public CompletableFuture<Void> acquireOwnership(String pulsarName) {
        org.apache.pulsar.common.naming.TopicName name = org.apache.pulsar.common.naming.TopicName.get(pulsarName);
        return pulsar.getNamespaceService().checkTopicOwnership(name).thenCompose(owned -> {
            if (owned) {
                return CompletableFuture.completedFuture(null);
            }
            LookupOptions options = LookupOptions.builder().authoritative(false).loadTopicsInBundle(false).build();
            return pulsar.getNamespaceService().getBrokerServiceUrlAsync(name, options)
                    .thenCompose(lookup -> pulsar.getNamespaceService().checkTopicOwnership(name))
                    .thenAccept(nowOwned -> {
                        if (!nowOwned) {
                            throw new NotOwnerException(pulsarName + " is owned by another broker");
                        }
                    });
        });
    }
}
