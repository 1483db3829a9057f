package io.tributary.kafka.admin;

import io.tributary.kafka.api.ApiHandler;
import io.tributary.kafka.api.Futures;
import io.tributary.kafka.api.KafkaErrors;
import io.tributary.kafka.api.RequestContext;
import io.tributary.kafka.topic.KafkaTopics;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.InvalidRequestException;
import org.apache.kafka.common.message.AlterConfigsRequestData;
import org.apache.kafka.common.message.AlterConfigsRequestData.AlterConfigsResource;
import org.apache.kafka.common.message.AlterConfigsResponseData;
import org.apache.kafka.common.message.AlterConfigsResponseData.AlterConfigsResourceResponse;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.ApiError;

/**
 * Replaces a topic's settings with the given ones (the older, non-incremental API of clients that predate
 * IncrementalAlterConfigs); settings left out return to their defaults.
 */
public final class AlterConfigsHandler implements ApiHandler<AlterConfigsRequestData, AlterConfigsResponseData> {

    private final TopicConfigAlteration alteration;

    AlterConfigsHandler(TopicConfigAlteration alteration) {
        this.alteration = alteration;
    }

    public static AlterConfigsHandler of(KafkaTopics topics, int maxMessageBytes) {
        return new AlterConfigsHandler(new TopicConfigAlteration(topics, new TopicConfigs(maxMessageBytes)));
    }

    @Override
    public ApiKeys apiKey() {
        return ApiKeys.ALTER_CONFIGS;
    }

    @Override
    public short minVersion() {
        return 0;
    }

    @Override
    public short maxVersion() {
        return 2;
    }

    @Override
    public CompletableFuture<AlterConfigsResponseData> handle(RequestContext context, AlterConfigsRequestData request) {
        return Futures.all(request.resources().stream().map(r -> alter(r, request.validateOnly())).toList())
                .thenApply(results -> new AlterConfigsResponseData().setResponses(results));
    }

    private CompletableFuture<AlterConfigsResourceResponse> alter(AlterConfigsResource resource, boolean validateOnly) {
        AlterConfigsResourceResponse response = new AlterConfigsResourceResponse()
                .setResourceType(resource.resourceType())
                .setResourceName(resource.resourceName());
        if (ConfigResource.Type.forId(resource.resourceType()) != ConfigResource.Type.TOPIC) {
            return CompletableFuture.completedFuture(response.setErrorCode(Errors.INVALID_REQUEST.code())
                    .setErrorMessage(TopicConfigAlteration.notAlterable(resource.resourceType())));
        }
        return alteration.alter(resource.resourceName(), current -> replacement(resource), validateOnly)
                .thenApply(v -> response)
                .exceptionally(e -> {
                    ApiError error = KafkaErrors.ofTopicConfig(e);
                    return response.setErrorCode(error.error().code()).setErrorMessage(error.message());
                });
    }

    private static Map<String, String> replacement(AlterConfigsResource resource) {
        Map<String, String> settings = new LinkedHashMap<>();
        resource.configs().forEach(config -> {
            if (config.value() == null) {
                throw new InvalidRequestException("no value for config " + config.name());
            }
            settings.put(config.name(), config.value());
        });
        return settings;
    }
}
