package io.tributary.kafka.metadata;

import io.tributary.kafka.api.BrokerNode;
import io.tributary.kafka.api.RequestContext;
import io.tributary.spi.topic.TopicLookup;
import io.tributary.spi.topic.TopicMetadata;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** Finds the broker that leads (owns) each partition of a topic. */
public final class PartitionLeaders {

    public static final String PROTOCOL = "kafka";

    private final TopicLookup lookup;

    public PartitionLeaders(TopicLookup lookup) {
        this.lookup = lookup;
    }

    /** One entry per partition; empty where no owner could be found. */
    public CompletableFuture<List<Optional<BrokerNode>>> of(RequestContext context, TopicMetadata topic) {
        List<CompletableFuture<Optional<BrokerNode>>> owners = new ArrayList<>(topic.partitions());
        for (int partition = 0; partition < topic.partitions(); partition++) {
            owners.add(lookup.owner(topic.name(), partition, PROTOCOL)
                    .thenApply(endpoint -> Optional.of(context.nodeAt(endpoint)))
                    .exceptionally(e -> Optional.empty()));
        }
        return CompletableFuture.allOf(owners.toArray(CompletableFuture[]::new))
                .thenApply(ignored -> owners.stream().map(CompletableFuture::join).toList());
    }
}
