package io.tributary.kafka.admin;

import io.tributary.kafka.api.ApiHandler;
import io.tributary.kafka.api.Futures;
import io.tributary.kafka.api.KafkaErrors;
import io.tributary.kafka.api.RequestContext;
import io.tributary.kafka.topic.KafkaTopics;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.admin.AlterConfigOp.OpType;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.InvalidRequestException;
import org.apache.kafka.common.message.IncrementalAlterConfigsRequestData;
import org.apache.kafka.common.message.IncrementalAlterConfigsRequestData.AlterConfigsResource;
import org.apache.kafka.common.message.IncrementalAlterConfigsResponseData;
import org.apache.kafka.common.message.IncrementalAlterConfigsResponseData.AlterConfigsResourceResponse;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.ApiError;

/** Sets, deletes, appends to and subtracts from topic settings ({@code kafka-configs --alter}). */
public final class IncrementalAlterConfigsHandler
        implements ApiHandler<IncrementalAlterConfigsRequestData, IncrementalAlterConfigsResponseData> {

    private final TopicConfigAlteration alteration;

    IncrementalAlterConfigsHandler(TopicConfigAlteration alteration) {
        this.alteration = alteration;
    }

    public static IncrementalAlterConfigsHandler of(KafkaTopics topics, int maxMessageBytes) {
        return new IncrementalAlterConfigsHandler(new TopicConfigAlteration(topics, new TopicConfigs(maxMessageBytes)));
    }

    @Override
    public ApiKeys apiKey() {
        return ApiKeys.INCREMENTAL_ALTER_CONFIGS;
    }

    @Override
    public short minVersion() {
        return 0;
    }

    @Override
    public short maxVersion() {
        return 1;
    }

    @Override
    public CompletableFuture<IncrementalAlterConfigsResponseData> handle(RequestContext context,
                                                                         IncrementalAlterConfigsRequestData request) {
        return Futures.all(request.resources().stream().map(r -> alter(r, request.validateOnly())).toList())
                .thenApply(results -> new IncrementalAlterConfigsResponseData().setResponses(results));
    }

    private CompletableFuture<AlterConfigsResourceResponse> alter(AlterConfigsResource resource, boolean validateOnly) {
        AlterConfigsResourceResponse response = new AlterConfigsResourceResponse()
                .setResourceType(resource.resourceType())
                .setResourceName(resource.resourceName());
        if (ConfigResource.Type.forId(resource.resourceType()) != ConfigResource.Type.TOPIC) {
            return CompletableFuture.completedFuture(response.setErrorCode(Errors.INVALID_REQUEST.code())
                    .setErrorMessage(TopicConfigAlteration.notAlterable(resource.resourceType())));
        }
        return alteration.alter(resource.resourceName(),
                        current -> IncrementalConfigOps.apply(current, ops(resource), alteration.known()), validateOnly)
                .thenApply(v -> response)
                .exceptionally(e -> {
                    ApiError error = KafkaErrors.ofTopicConfig(e);
                    return response.setErrorCode(error.error().code()).setErrorMessage(error.message());
                });
    }

    private static List<IncrementalConfigOps.Op> ops(AlterConfigsResource resource) {
        return resource.configs().stream().map(config -> {
            OpType type = OpType.forId(config.configOperation());
            if (type == null) {
                throw new InvalidRequestException("unknown operation " + config.configOperation() + " on config "
                        + config.name());
            }
            return new IncrementalConfigOps.Op(config.name(), type, config.value());
        }).toList();
    }
}
