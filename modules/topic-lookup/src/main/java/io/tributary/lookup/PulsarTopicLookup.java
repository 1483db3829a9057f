package io.tributary.lookup;

import io.tributary.lookup.internal.Futures;
import io.tributary.lookup.internal.OwnerLookup;
import io.tributary.lookup.internal.TopicConfig;
import io.tributary.lookup.internal.TopicIds;
import io.tributary.lookup.internal.TopicRetention;
import io.tributary.spi.Endpoint;
import io.tributary.spi.topic.TopicExistsException;
import io.tributary.spi.topic.TopicLookup;
import io.tributary.spi.topic.TopicMetadata;
import io.tributary.spi.topic.TopicName;
import io.tributary.spi.topic.TopicNotFoundException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.UnaryOperator;
import java.util.stream.IntStream;
import org.apache.pulsar.broker.PulsarService;
import org.apache.pulsar.broker.resources.NamespaceResources.PartitionedTopicResources;
import org.apache.pulsar.broker.resources.TopicResources;
import org.apache.pulsar.client.admin.PulsarAdmin;
import org.apache.pulsar.common.naming.NamespaceName;
import org.apache.pulsar.common.naming.SystemTopicNames;
import org.apache.pulsar.common.naming.TopicDomain;
import org.apache.pulsar.common.partition.PartitionedTopicMetadata;
import org.apache.pulsar.common.util.FutureUtil;
import org.apache.pulsar.metadata.api.MetadataStoreException;

/**
 * Topics as Pulsar partitioned topics, read and written through the broker's metadata resources. A
 * non-partitioned Pulsar topic is described as one partition served by the topic itself.
 */
public final class PulsarTopicLookup implements TopicLookup {

    private static final int CONFIG_UPDATE_ATTEMPTS = 10;

    private final PulsarService pulsar;
    private final ProtocolEndpoints endpoints;
    private final OwnerLookup owners;

    public PulsarTopicLookup(PulsarService pulsar, ProtocolEndpoints endpoints) {
        this.pulsar = pulsar;
        this.endpoints = endpoints;
        this.owners = new OwnerLookup(pulsar);
    }

    @Override
    public CompletableFuture<Optional<TopicMetadata>> describe(TopicName topic) {
        org.apache.pulsar.common.naming.TopicName name = pulsarName(topic);
        return partitioned().getPartitionedTopicMetadataAsync(name).thenCompose(metadata -> {
            if (metadata.isPresent() && metadata.get().partitions > 0) {
                return CompletableFuture.completedFuture(Optional.of(toMetadata(topic, metadata.get())));
            }
            return topics().persistentTopicExists(name).thenApply(exists -> exists
                    ? Optional.of(new TopicMetadata(topic, 1, false, TopicIds.of(topic.pulsarName(), Map.of()), Map.of()))
                    : Optional.empty());
        });
    }

    @Override
    public CompletableFuture<TopicMetadata> create(TopicName topic, int partitions, Map<String, String> config) {
        try {
            if (partitions < 1) {
                throw new IllegalArgumentException("partitions must be at least 1: " + partitions);
            }
            TopicConfig.validate(config);
        } catch (IllegalArgumentException e) {
            return CompletableFuture.failedFuture(e);
        }
        org.apache.pulsar.common.naming.TopicName name = pulsarName(topic);
        PartitionedTopicMetadata metadata = new PartitionedTopicMetadata(partitions,
                TopicConfig.toProperties(config, UUID.randomUUID().toString()));
        return requireNamespace(topic)
                .thenCompose(v -> topics().persistentTopicExists(name))
                .thenCompose(exists -> {
                    if (exists) {
                        throw new TopicExistsException("topic exists: " + topic);
                    }
                    return partitioned().createPartitionedTopicAsync(name, metadata);
                })
                .exceptionally(t -> {
                    Throwable cause = Futures.unwrap(t);
                    if (cause instanceof MetadataStoreException.AlreadyExistsException) {
                        throw new TopicExistsException("topic exists: " + topic);
                    }
                    throw cause instanceof RuntimeException r ? r : new IllegalStateException(cause);
                })
                .thenCompose(v -> createPartitions(topic, 0, partitions))
                .thenCompose(v -> TopicRetention.isSet(config)
                        ? applyRetention(topic, config).exceptionallyCompose(e -> undoCreate(topic, e))
                        : CompletableFuture.completedFuture(null))
                .thenApply(v -> toMetadata(topic, metadata));
    }

    @Override
    public CompletableFuture<Void> delete(TopicName topic) {
        return describe(topic).thenCompose(found -> {
            TopicMetadata metadata = found.orElseThrow(() -> new TopicNotFoundException("no such topic: " + topic));
            return admin().thenCompose(admin -> metadata.partitioned()
                    ? admin.topics().deletePartitionedTopicAsync(topic.pulsarName(), true)
                    : admin.topics().deleteAsync(topic.pulsarName(), true));
        });
    }

    @Override
    public CompletableFuture<TopicMetadata> createPartitions(TopicName topic, int totalPartitions) {
        return describe(topic).thenCompose(found -> {
            TopicMetadata current = found.orElseThrow(() -> new TopicNotFoundException("no such topic: " + topic));
            if (!current.partitioned()) {
                throw new IllegalArgumentException("topic is not partitioned: " + topic);
            }
            if (totalPartitions <= current.partitions()) {
                throw new IllegalArgumentException("topic " + topic + " has " + current.partitions()
                        + " partitions; " + totalPartitions + " is not an increase");
            }
            return partitioned().updatePartitionedTopicAsync(pulsarName(topic),
                            md -> new PartitionedTopicMetadata(totalPartitions, md.properties))
                    .thenCompose(v -> createPartitions(topic, current.partitions(), totalPartitions))
                    .thenApply(v -> new TopicMetadata(topic, totalPartitions, true, current.topicId(),
                            current.config()));
        });
    }

    @Override
    public CompletableFuture<TopicMetadata> alterConfig(TopicName topic, Map<String, String> config) {
        return updateConfig(topic, current -> config);
    }

    /**
     * Reads the settings, applies {@code change}, sets the retention policy of the result, and stores the result
     * only if the stored settings are still those it read; otherwise starts over from the new ones, up to
     * {@value #CONFIG_UPDATE_ATTEMPTS} times. The policy is set before the settings are stored, so a retention Pulsar
     * refuses leaves the settings as they were.
     */
    @Override
    public CompletableFuture<TopicMetadata> updateConfig(TopicName topic, UnaryOperator<Map<String, String>> change) {
        return updateConfig(topic, change, CONFIG_UPDATE_ATTEMPTS);
    }

    private CompletableFuture<TopicMetadata> updateConfig(TopicName topic, UnaryOperator<Map<String, String>> change,
                                                          int attemptsLeft) {
        return describe(topic).thenCompose(found -> {
            TopicMetadata current = found.orElseThrow(() -> new TopicNotFoundException("no such topic: " + topic));
            if (!current.partitioned()) {
                throw new IllegalArgumentException("topic " + topic + " is not partitioned; its settings are"
                        + " Pulsar's topic policies");
            }
            Map<String, String> changed = change.apply(current.config());
            TopicConfig.validate(changed);
            Map<String, String> config = Map.copyOf(changed);
            boolean retentionChanged = TopicRetention.isSet(config) || TopicRetention.isSet(current.config());
            AtomicBoolean policySet = new AtomicBoolean();
            CompletableFuture<Void> retention = retentionChanged
                    ? applyRetention(topic, config).thenRun(() -> policySet.set(true))
                    : CompletableFuture.completedFuture(null);
            return retention
                    .thenCompose(v -> partitioned().updatePartitionedTopicAsync(pulsarName(topic), md -> {
                        if (!TopicConfig.fromProperties(md.properties).equals(current.config())) {
                            throw new ConcurrentAlteration();
                        }
                        return new PartitionedTopicMetadata(md.partitions, TopicConfig.withConfig(md.properties, config));
                    }))
                    .thenApply(v -> new TopicMetadata(topic, current.partitions(), true, current.topicId(), config))
                    .exceptionallyCompose(e -> {
                        Throwable cause = FutureUtil.unwrapCompletionException(e);
                        if (cause instanceof ConcurrentAlteration && attemptsLeft > 1) {
                            return updateConfig(topic, change, attemptsLeft - 1);
                        }
                        CompletableFuture<Void> restored = policySet.get()
                                ? restoreRetention(topic) : CompletableFuture.completedFuture(null);
                        return restored.handle((v, ignored) -> {
                            throw cause instanceof RuntimeException r ? r : new IllegalStateException(cause);
                        });
                    });
        });
    }

    /**
     * Sets the retention policy of the settings as stored, after an alteration that set its own policy was not
     * stored; best effort, as the alteration fails anyway.
     */
    private CompletableFuture<Void> restoreRetention(TopicName topic) {
        return describe(topic).thenCompose(found -> found.isPresent()
                ? applyRetention(topic, found.get().config()) : CompletableFuture.completedFuture(null));
    }

    /** The stored settings changed between reading and storing them. */
    private static final class ConcurrentAlteration extends IllegalStateException {
        ConcurrentAlteration() {
            super("the topic's settings were altered concurrently, repeatedly");
        }
    }

    /** Deletes a topic whose creation could not be completed, then fails with {@code cause}. */
    private CompletableFuture<Void> undoCreate(TopicName topic, Throwable cause) {
        return admin().thenCompose(admin -> admin.topics().deletePartitionedTopicAsync(topic.pulsarName(), true))
                .handle((v, e) -> {
                    throw cause instanceof RuntimeException r ? r : new IllegalStateException(cause);
                });
    }

    /**
     * Sets the topic's Pulsar retention from its settings, or removes it so that the namespace's applies. A refusal
     * by Pulsar (a retention below the namespace's backlog quota, topic policies turned off) is a bad setting.
     */
    private CompletableFuture<Void> applyRetention(TopicName topic, Map<String, String> config) {
        return admin().thenCompose(admin -> TopicRetention.of(config)
                        .map(policy -> admin.topicPolicies().setRetentionAsync(topic.pulsarName(), policy))
                        .orElseGet(() -> admin.topicPolicies().removeRetentionAsync(topic.pulsarName())))
                .exceptionally(e -> {
                    throw new IllegalArgumentException("Pulsar refused the retention of " + topic + ": "
                            + FutureUtil.unwrapCompletionException(e).getMessage());
                });
    }

    @Override
    public CompletableFuture<List<TopicName>> list(String tenant, String namespace) {
        NamespaceName ns = NamespaceName.get(tenant, namespace);
        CompletableFuture<List<String>> partitionedTopics =
                partitioned().listPartitionedTopicsAsync(ns, TopicDomain.persistent);
        CompletableFuture<List<String>> plainTopics = topics().listPersistentTopicsAsync(ns);
        return partitionedTopics.thenCombine(plainTopics, (withPartitions, plain) -> {
            TreeSet<String> names = new TreeSet<>(withPartitions);
            plain.stream().filter(n -> !n.contains("-partition-")).forEach(names::add);
            List<TopicName> result = new ArrayList<>();
            for (String n : names) {
                org.apache.pulsar.common.naming.TopicName pulsarTopic = org.apache.pulsar.common.naming.TopicName.get(n);
                if (!SystemTopicNames.isSystemTopic(pulsarTopic)) {
                    result.add(new TopicName(tenant, namespace, pulsarTopic.getLocalName()));
                }
            }
            return result;
        });
    }

    @Override
    public CompletableFuture<Endpoint> owner(TopicName topic, int partition, String protocol) {
        return describe(topic).thenCompose(found -> {
            TopicMetadata metadata = found.orElseThrow(() -> new TopicNotFoundException("no such topic: " + topic));
            if (partition < 0 || partition >= metadata.partitions()) {
                throw new TopicNotFoundException("no partition " + partition + " in " + topic);
            }
            String pulsarTopic = metadata.partitioned() ? topic.partitionName(partition) : topic.pulsarName();
            return owners.ownerBrokerId(pulsarTopic).thenCompose(brokerId ->
                    endpoints.find(brokerId, protocol).thenApply(endpoint -> endpoint.orElseThrow(() ->
                            new IllegalStateException("broker " + brokerId + " advertises no " + protocol
                                    + " endpoint"))));
        });
    }

    @Override
    public CompletableFuture<List<Endpoint>> brokers(String protocol) {
        return pulsar.getLoadManager().get().getAvailableBrokersAsync()
                .thenCompose(live -> endpoints.findAll(live, protocol));
    }

    private CompletableFuture<Void> createPartitions(TopicName topic, int from, int to) {
        return FutureUtil.waitForAll(IntStream.range(from, to)
                .mapToObj(p -> Futures.ignoring(topics().createPersistentTopicAsync(
                                org.apache.pulsar.common.naming.TopicName.get(topic.partitionName(p))),
                        MetadataStoreException.AlreadyExistsException.class))
                .toList());
    }

    private CompletableFuture<Void> requireNamespace(TopicName topic) {
        return pulsar.getPulsarResources().getNamespaceResources()
                .namespaceExistsAsync(NamespaceName.get(topic.tenant(), topic.namespace()))
                .thenAccept(exists -> {
                    if (!exists) {
                        throw new IllegalArgumentException("namespace does not exist: " + topic.namespaceName());
                    }
                });
    }

    private CompletableFuture<PulsarAdmin> admin() {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return pulsar.getAdminClient();
            } catch (Exception e) {
                throw new IllegalStateException("no admin client", e);
            }
        }, pulsar.getExecutor());
    }

    private static TopicMetadata toMetadata(TopicName topic, PartitionedTopicMetadata metadata) {
        return new TopicMetadata(topic, metadata.partitions, true,
                TopicIds.of(topic.pulsarName(), metadata.properties),
                TopicConfig.fromProperties(metadata.properties));
    }

    private static org.apache.pulsar.common.naming.TopicName pulsarName(TopicName topic) {
        return org.apache.pulsar.common.naming.TopicName.get(topic.pulsarName());
    }

    private PartitionedTopicResources partitioned() {
        return pulsar.getPulsarResources().getNamespaceResources().getPartitionedTopicResources();
    }

    private TopicResources topics() {
        return pulsar.getPulsarResources().getTopicResources();
    }
}
