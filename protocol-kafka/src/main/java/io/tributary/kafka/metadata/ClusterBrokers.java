package io.tributary.kafka.metadata;

import io.tributary.kafka.api.BrokerNode;
import io.tributary.kafka.api.RequestContext;
import io.tributary.spi.topic.TopicLookup;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * Every broker that serves Kafka, as Metadata and DescribeCluster list them: clients reach group coordinators
 * and partition leaders only through brokers listed there. This broker is always among them.
 */
final class ClusterBrokers {

    private final TopicLookup lookup;

    ClusterBrokers(TopicLookup lookup) {
        this.lookup = lookup;
    }

    /** The brokers by node id; only this broker when the others cannot be read. */
    CompletableFuture<Map<Integer, BrokerNode>> of(RequestContext context) {
        return lookup.brokers(PartitionLeaders.PROTOCOL).thenApply(endpoints -> {
            Map<Integer, BrokerNode> nodes = onlySelf(context);
            endpoints.forEach(endpoint -> {
                BrokerNode node = context.nodeAt(endpoint);
                nodes.put(node.id(), node);
            });
            return nodes;
        }).exceptionally(e -> onlySelf(context));
    }

    private static Map<Integer, BrokerNode> onlySelf(RequestContext context) {
        Map<Integer, BrokerNode> nodes = new ConcurrentSkipListMap<>();
        nodes.put(context.self().id(), context.self());
        return nodes;
    }
}
