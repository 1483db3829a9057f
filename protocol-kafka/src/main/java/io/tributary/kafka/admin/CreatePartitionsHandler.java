package io.tributary.kafka.admin;

import io.tributary.kafka.api.ApiHandler;
import io.tributary.kafka.api.Futures;
import io.tributary.kafka.api.KafkaErrors;
import io.tributary.kafka.api.RequestContext;
import io.tributary.kafka.topic.KafkaTopics;
import io.tributary.spi.topic.TopicMetadata;
import io.tributary.spi.topic.TopicName;
import io.tributary.spi.topic.TopicNotFoundException;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.errors.InvalidPartitionsException;
import org.apache.kafka.common.errors.InvalidReplicaAssignmentException;
import org.apache.kafka.common.message.CreatePartitionsRequestData;
import org.apache.kafka.common.message.CreatePartitionsRequestData.CreatePartitionsTopic;
import org.apache.kafka.common.message.CreatePartitionsResponseData;
import org.apache.kafka.common.message.CreatePartitionsResponseData.CreatePartitionsTopicResult;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.requests.ApiError;

/** Raises topics' partition counts; Pulsar places the new partitions, so assignments are refused. */
public final class CreatePartitionsHandler
        implements ApiHandler<CreatePartitionsRequestData, CreatePartitionsResponseData> {

    private final KafkaTopics topics;

    public CreatePartitionsHandler(KafkaTopics topics) {
        this.topics = topics;
    }

    @Override
    public ApiKeys apiKey() {
        return ApiKeys.CREATE_PARTITIONS;
    }

    @Override
    public short minVersion() {
        return 0;
    }

    @Override
    public short maxVersion() {
        return 3;
    }

    @Override
    public CompletableFuture<CreatePartitionsResponseData> handle(RequestContext context,
                                                                  CreatePartitionsRequestData request) {
        return Futures.all(request.topics().stream().map(topic -> grow(topic, request.validateOnly())).toList())
                .thenApply(results -> new CreatePartitionsResponseData().setResults(results));
    }

    private CompletableFuture<CreatePartitionsTopicResult> grow(CreatePartitionsTopic topic, boolean validateOnly) {
        CreatePartitionsTopicResult result = new CreatePartitionsTopicResult().setName(topic.name());
        CompletableFuture<?> grown;
        try {
            if (topic.assignments() != null && !topic.assignments().isEmpty()) {
                throw new InvalidReplicaAssignmentException("replica assignments are not supported");
            }
            TopicName name = topics.parse(topic.name());
            grown = topics.describe(name).thenCompose(found -> {
                TopicMetadata metadata = found.orElseThrow(() -> new TopicNotFoundException("no topic " + name));
                if (topic.count() <= metadata.partitions()) {
                    throw new InvalidPartitionsException("topic has " + metadata.partitions()
                            + " partitions; the new count must be higher, not " + topic.count());
                }
                return validateOnly
                        ? CompletableFuture.completedFuture(metadata)
                        : topics.createPartitions(name, topic.count());
            });
        } catch (RuntimeException e) {
            grown = CompletableFuture.failedFuture(e);
        }
        return grown.thenApply(ignored -> result).exceptionally(e -> {
            ApiError error = KafkaErrors.of(e);
            return result.setErrorCode(error.error().code()).setErrorMessage(error.message());
        });
    }
}
