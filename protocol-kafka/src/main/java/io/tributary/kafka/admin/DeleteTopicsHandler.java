package io.tributary.kafka.admin;

import io.tributary.kafka.api.ApiHandler;
import io.tributary.kafka.api.Futures;
import io.tributary.kafka.api.KafkaErrors;
import io.tributary.kafka.api.RequestContext;
import io.tributary.kafka.topic.KafkaTopics;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.message.DeleteTopicsRequestData;
import org.apache.kafka.common.message.DeleteTopicsRequestData.DeleteTopicState;
import org.apache.kafka.common.message.DeleteTopicsResponseData;
import org.apache.kafka.common.message.DeleteTopicsResponseData.DeletableTopicResult;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.requests.ApiError;

/** Deletes topics named by name, or from version 6 by name or id. */
public final class DeleteTopicsHandler implements ApiHandler<DeleteTopicsRequestData, DeleteTopicsResponseData> {

    private static final short FIRST_TOPIC_ID_VERSION = 6;

    private final KafkaTopics topics;

    public DeleteTopicsHandler(KafkaTopics topics) {
        this.topics = topics;
    }

    @Override
    public ApiKeys apiKey() {
        return ApiKeys.DELETE_TOPICS;
    }

    @Override
    public short minVersion() {
        return 1;
    }

    @Override
    public short maxVersion() {
        return 6;
    }

    @Override
    public CompletableFuture<DeleteTopicsResponseData> handle(RequestContext context, DeleteTopicsRequestData request) {
        List<DeleteTopicState> requested = context.apiVersion() >= FIRST_TOPIC_ID_VERSION
                ? request.topics()
                : request.topicNames().stream().map(name -> new DeleteTopicState().setName(name)).toList();
        return Futures.all(requested.stream().map(this::delete).toList()).thenApply(results -> {
            DeleteTopicsResponseData response = new DeleteTopicsResponseData();
            results.forEach(response.responses()::add);
            return response;
        });
    }

    private CompletableFuture<DeletableTopicResult> delete(DeleteTopicState topic) {
        boolean byId = topic.name() == null && !Uuid.ZERO_UUID.equals(topic.topicId());
        DeletableTopicResult result = new DeletableTopicResult().setName(topic.name()).setTopicId(topic.topicId());
        return topics.resolve(byId, topic.name(), topic.topicId())
                .thenCompose(name -> {
                    result.setName(topics.kafkaName(name));
                    return topics.delete(name);
                })
                .thenApply(ignored -> result)
                .exceptionally(e -> {
                    ApiError error = KafkaErrors.of(e);
                    return result.setErrorCode(error.error().code()).setErrorMessage(error.message());
                });
    }
}
