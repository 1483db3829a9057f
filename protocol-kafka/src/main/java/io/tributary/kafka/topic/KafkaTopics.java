package io.tributary.kafka.topic;

import io.tributary.kafka.KafkaConfig;
import io.tributary.kafka.api.KafkaErrors;
import io.tributary.spi.storage.PartitionLogs;
import io.tributary.spi.topic.TopicExistsException;
import io.tributary.spi.topic.TopicLookup;
import io.tributary.spi.topic.TopicMetadata;
import io.tributary.spi.topic.TopicName;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.UnaryOperator;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.UnknownTopicIdException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kafka's view of the topic lookup: Kafka names in the configured tenant and namespace, Kafka topic ids,
 * and auto-creation. Topic ids seen in any answer are remembered, so that requests naming topics by id
 * (produce v13, fetch v13+, delete topics v6) resolve without a lookup. A topic created here starts
 * loading the partitions this broker comes to own, as a Kafka broker has a partition's log ready once
 * the topic exists, so that the first produce does not wait for it.
 */
public final class KafkaTopics {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaTopics.class);

    private final TopicLookup lookup;
    private final PartitionLogs logs;
    private final KafkaConfig config;
    private final Map<Uuid, TopicName> names = new ConcurrentHashMap<>();

    public KafkaTopics(TopicLookup lookup, PartitionLogs logs, KafkaConfig config) {
        this.lookup = lookup;
        this.logs = logs;
        this.config = config;
    }

    /** Maps a Kafka topic name; throws {@link io.tributary.spi.topic.InvalidTopicNameException}. */
    public TopicName parse(String kafkaName) {
        return TopicName.parse(kafkaName, config.tenant(), config.namespace());
    }

    /** The name Kafka clients see: the bare name in the configured namespace, tenant/ns/name elsewhere. */
    public String kafkaName(TopicName topic) {
        return topic.shortName(config.tenant(), config.namespace());
    }

    public static Uuid kafkaId(UUID id) {
        return new Uuid(id.getMostSignificantBits(), id.getLeastSignificantBits());
    }

    public CompletableFuture<Optional<TopicMetadata>> describe(TopicName topic) {
        return lookup.describe(topic).thenApply(found -> {
            found.ifPresent(this::remember);
            return found;
        });
    }

    /** Describes the topic, creating it first when it is missing and both the client and the config allow it. */
    public CompletableFuture<Optional<TopicMetadata>> describeOrCreate(TopicName topic, boolean clientAllows) {
        return describe(topic).thenCompose(found -> {
            if (found.isPresent() || !clientAllows || !config.autoCreateTopics()) {
                return CompletableFuture.completedFuture(found);
            }
            return create(topic, config.defaultPartitions(), Map.of())
                    .thenApply(Optional::of)
                    .exceptionallyCompose(e -> KafkaErrors.unwrap(e) instanceof TopicExistsException
                            ? describe(topic) : CompletableFuture.failedFuture(e));
        });
    }

    public CompletableFuture<TopicMetadata> create(TopicName topic, int partitions, Map<String, String> topicConfig) {
        return lookup.create(topic, partitions, topicConfig).thenApply(this::remember).thenApply(this::startLoading);
    }

    public CompletableFuture<TopicMetadata> createPartitions(TopicName topic, int totalPartitions) {
        return lookup.createPartitions(topic, totalPartitions).thenApply(this::remember).thenApply(this::startLoading);
    }

    private TopicMetadata startLoading(TopicMetadata created) {
        for (int partition = 0; partition < created.partitions(); partition++) {
            int loading = partition;
            logs.open(created.name(), partition).exceptionally(e -> {
                LOG.debug("Partition {} of new topic {} not loaded here: {}", loading, created.name(), e.toString());
                return null;
            });
        }
        return created;
    }

    /** Replaces the topic's settings with {@code change} applied to them as stored; see TopicLookup.updateConfig. */
    public CompletableFuture<TopicMetadata> updateConfig(TopicName topic, UnaryOperator<Map<String, String>> change) {
        return lookup.updateConfig(topic, change);
    }

    public CompletableFuture<Void> delete(TopicName topic) {
        return lookup.delete(topic).thenRun(() -> names.values().removeIf(topic::equals));
    }

    /** The topics of the configured namespace. */
    public CompletableFuture<List<TopicName>> listDefaultNamespace() {
        return lookup.list(config.tenant(), config.namespace());
    }

    /** The topic with this Kafka id; ids not seen yet are searched in the configured namespace. */
    public CompletableFuture<Optional<TopicName>> byId(Uuid id) {
        TopicName known = names.get(id);
        if (known != null || Uuid.ZERO_UUID.equals(id)) {
            return CompletableFuture.completedFuture(Optional.ofNullable(known));
        }
        return listDefaultNamespace()
                .thenCompose(topics -> CompletableFuture.allOf(topics.stream()
                        .map(this::describe).toArray(CompletableFuture[]::new)))
                .thenApply(ignored -> Optional.ofNullable(names.get(id)));
    }

    /**
     * The topic a request names, by id when {@code byId} (newer request versions) or else by name. Fails
     * with {@link UnknownTopicIdException} or {@link io.tributary.spi.topic.InvalidTopicNameException}.
     */
    public CompletableFuture<TopicName> resolve(boolean byId, String name, Uuid id) {
        if (!byId) {
            try {
                return CompletableFuture.completedFuture(parse(name));
            } catch (RuntimeException e) {
                return CompletableFuture.failedFuture(e);
            }
        }
        return byId(id).thenApply(found -> found.orElseThrow(
                () -> new UnknownTopicIdException("unknown topic id " + id)));
    }

    public int defaultPartitions() {
        return config.defaultPartitions();
    }

    public void clear() {
        names.clear();
    }

    private TopicMetadata remember(TopicMetadata metadata) {
        names.put(kafkaId(metadata.topicId()), metadata.name());
        return metadata;
    }
}
