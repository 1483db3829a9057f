package io.tributary.spi.topic;

import io.tributary.spi.Endpoint;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.UnaryOperator;

/**
 * Topics as a protocol sees them, backed by Pulsar's metadata: existence, partitions, creation,
 * deletion and which broker serves a partition. All calls are asynchronous and never block.
 */
public interface TopicLookup {

    /** The topic's metadata, or empty when it does not exist. */
    CompletableFuture<Optional<TopicMetadata>> describe(TopicName topic);

    /**
     * Creates a partitioned topic. Fails with {@link TopicExistsException} when it exists.
     *
     * @param config topic-level settings, kept as given; which keys exist is the protocol's to check. A bad value
     *               of a setting the lookup applies (retention) fails with {@link IllegalArgumentException}
     */
    CompletableFuture<TopicMetadata> create(TopicName topic, int partitions, Map<String, String> config);

    /** Deletes the topic and its data. Fails with {@link TopicNotFoundException} when it is absent. */
    CompletableFuture<Void> delete(TopicName topic);

    /** Raises the partition count to {@code totalPartitions}; fails when that is not an increase. */
    CompletableFuture<TopicMetadata> createPartitions(TopicName topic, int totalPartitions);

    /**
     * Replaces the topic-level settings with {@code config}; a key left out returns to its default. Settings
     * Pulsar can enforce (retention) take effect as the topic's Pulsar policies. Fails with
     * {@link TopicNotFoundException} when the topic is absent and {@link IllegalArgumentException} for a bad
     * value of a setting the lookup applies, a retention Pulsar refuses or a topic that is not partitioned.
     */
    CompletableFuture<TopicMetadata> alterConfig(TopicName topic, Map<String, String> config);

    /**
     * Replaces the topic-level settings with {@code change} applied to them, as {@link #alterConfig} does. An
     * implementation that several brokers share applies {@code change} to the settings as stored when it stores the
     * result, calling it again when another alteration was stored in between, so concurrent alterations through
     * different brokers do not overwrite each other; {@code change} must therefore have no side effects. What it
     * throws fails the returned future. This default reads the settings and then replaces them, without that
     * guarantee.
     *
     * @since 1.2
     */
    default CompletableFuture<TopicMetadata> updateConfig(TopicName topic, UnaryOperator<Map<String, String>> change) {
        return describe(topic).thenCompose(found -> {
            TopicMetadata current = found.orElseThrow(() -> new TopicNotFoundException("no such topic: " + topic));
            return alterConfig(topic, change.apply(current.config()));
        });
    }

    /** The topics of a namespace (partitioned topics once, by their base name). */
    CompletableFuture<List<TopicName>> list(String tenant, String namespace);

    /**
     * The endpoint of {@code protocol} on the broker that owns the partition, asking Pulsar to assign
     * an owner when there is none.
     */
    CompletableFuture<Endpoint> owner(TopicName topic, int partition, String protocol);

    /** The endpoint of {@code protocol} on every running broker that serves it, this one included. */
    CompletableFuture<List<Endpoint>> brokers(String protocol);
}
