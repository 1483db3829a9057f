package io.tributary.kafka.admin;

import io.tributary.kafka.api.ApiHandler;
import io.tributary.kafka.api.Futures;
import io.tributary.kafka.api.KafkaErrors;
import io.tributary.kafka.api.RequestContext;
import io.tributary.kafka.topic.KafkaTopics;
import io.tributary.spi.topic.TopicExistsException;
import io.tributary.spi.topic.TopicMetadata;
import io.tributary.spi.topic.TopicName;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.errors.InvalidPartitionsException;
import org.apache.kafka.common.errors.InvalidReplicaAssignmentException;
import org.apache.kafka.common.message.CreateTopicsRequestData;
import org.apache.kafka.common.message.CreateTopicsRequestData.CreatableTopic;
import org.apache.kafka.common.message.CreateTopicsResponseData;
import org.apache.kafka.common.message.CreateTopicsResponseData.CreatableTopicConfigs;
import org.apache.kafka.common.message.CreateTopicsResponseData.CreatableTopicResult;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.requests.ApiError;
import org.apache.kafka.common.requests.DescribeConfigsResponse.ConfigSource;

/**
 * Creates partitioned topics. The replication factor is accepted and reported as 1 (BookKeeper
 * replicates); explicit replica assignments are refused since Pulsar places partitions itself.
 */
public final class CreateTopicsHandler implements ApiHandler<CreateTopicsRequestData, CreateTopicsResponseData> {

    private static final short FIRST_DETAILED_VERSION = 5;
    private static final short FIRST_TOPIC_ID_VERSION = 7;
    private static final int DEFAULT = -1;

    private final KafkaTopics topics;
    private final TopicConfigs topicConfigs;

    public CreateTopicsHandler(KafkaTopics topics, int maxMessageBytes) {
        this.topics = topics;
        this.topicConfigs = new TopicConfigs(maxMessageBytes);
    }

    @Override
    public ApiKeys apiKey() {
        return ApiKeys.CREATE_TOPICS;
    }

    @Override
    public short minVersion() {
        return 2;
    }

    @Override
    public short maxVersion() {
        return 7;
    }

    @Override
    public CompletableFuture<CreateTopicsResponseData> handle(RequestContext context, CreateTopicsRequestData request) {
        return Futures.all(request.topics().stream()
                        .map(topic -> create(context.apiVersion(), topic, request.validateOnly())).toList())
                .thenApply(results -> {
                    CreateTopicsResponseData response = new CreateTopicsResponseData();
                    results.forEach(response.topics()::add);
                    return response;
                });
    }

    private CompletableFuture<CreatableTopicResult> create(short version, CreatableTopic topic, boolean validateOnly) {
        CreatableTopicResult result = new CreatableTopicResult().setName(topic.name());
        CompletableFuture<TopicMetadata> created;
        try {
            TopicName name = topics.parse(topic.name());
            int partitions = topic.numPartitions() == DEFAULT ? topics.defaultPartitions() : topic.numPartitions();
            if (partitions <= 0) {
                throw new InvalidPartitionsException("the number of partitions must be positive");
            }
            if (!topic.assignments().isEmpty()) {
                throw new InvalidReplicaAssignmentException("replica assignments are not supported");
            }
            Map<String, String> settings = new LinkedHashMap<>();
            topic.configs().forEach(setting -> settings.put(setting.name(), setting.value()));
            topicConfigs.validate(settings);
            Map<String, String> stored = topicConfigs.withoutFixed(settings);
            created = validateOnly ? validate(name, partitions, stored) : topics.create(name, partitions, stored);
        } catch (RuntimeException e) {
            created = CompletableFuture.failedFuture(e);
        }
        return created.thenApply(metadata -> created(version, result, metadata)).exceptionally(e -> {
            ApiError error = KafkaErrors.ofTopicConfig(e);
            return result.setErrorCode(error.error().code()).setErrorMessage(error.message());
        });
    }

    /** What creating would produce, without creating: fails when the topic exists. */
    private CompletableFuture<TopicMetadata> validate(TopicName name, int partitions, Map<String, String> settings) {
        return topics.describe(name).thenApply(found -> {
            if (found.isPresent()) {
                throw new TopicExistsException("topic " + name + " already exists");
            }
            return new TopicMetadata(name, partitions, true, new UUID(0, 0), settings);
        });
    }

    private CreatableTopicResult created(short version, CreatableTopicResult result, TopicMetadata metadata) {
        if (version >= FIRST_TOPIC_ID_VERSION && metadata.topicId().getMostSignificantBits() != 0) {
            result.setTopicId(KafkaTopics.kafkaId(metadata.topicId()));
        }
        if (version < FIRST_DETAILED_VERSION) {
            return result;
        }
        result.setNumPartitions(metadata.partitions()).setReplicationFactor((short) 1);
        for (ConfigEntry entry : topicConfigs.all()) {
            boolean set = metadata.config().containsKey(entry.name());
            result.configs().add(new CreatableTopicConfigs()
                    .setName(entry.name())
                    .setValue(set ? metadata.config().get(entry.name()) : entry.defaultValue())
                    .setReadOnly(entry.readOnly())
                    .setConfigSource((set ? ConfigSource.TOPIC_CONFIG : ConfigSource.DEFAULT_CONFIG).id())
                    .setIsSensitive(false));
        }
        return result;
    }
}
