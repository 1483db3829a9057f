package io.tributary.kafka.admin;

import io.tributary.kafka.api.ApiHandler;
import io.tributary.kafka.api.Futures;
import io.tributary.kafka.api.RequestContext;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.UnaryOperator;
import org.apache.kafka.clients.admin.AlterConfigOp.OpType;
import org.apache.kafka.common.errors.InvalidRequestException;
import org.apache.kafka.common.message.IncrementalAlterConfigsRequestData;
import org.apache.kafka.common.message.IncrementalAlterConfigsRequestData.AlterConfigsResource;
import org.apache.kafka.common.message.IncrementalAlterConfigsResponseData;
import org.apache.kafka.common.message.IncrementalAlterConfigsResponseData.AlterConfigsResourceResponse;
import org.apache.kafka.common.protocol.ApiKeys;

/** Sets, deletes, appends to and subtracts from topic settings ({@code kafka-configs --alter}). */
public final class IncrementalAlterConfigsHandler
        implements ApiHandler<IncrementalAlterConfigsRequestData, IncrementalAlterConfigsResponseData> {

    private final TopicConfigAlteration alteration;

    public IncrementalAlterConfigsHandler(TopicConfigAlteration alteration) {
        this.alteration = alteration;
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
        Set<String> repeated = TopicConfigAlteration.repeated(request.resources().stream()
                .map(r -> TopicConfigAlteration.resourceKey(r.resourceType(), r.resourceName())).toList());
        return Futures.all(request.resources().stream().map(resource -> alteration.alter(
                                resource.resourceType(), resource.resourceName(),
                                repeated.contains(TopicConfigAlteration.resourceKey(resource.resourceType(),
                                        resource.resourceName())),
                                () -> change(resource), request.validateOnly())
                        .thenApply(error -> new AlterConfigsResourceResponse()
                                .setResourceType(resource.resourceType())
                                .setResourceName(resource.resourceName())
                                .setErrorCode(error.error().code())
                                .setErrorMessage(error.message()))).toList())
                .thenApply(results -> new IncrementalAlterConfigsResponseData().setResponses(results));
    }

    private UnaryOperator<Map<String, String>> change(AlterConfigsResource resource) {
        List<IncrementalConfigOps.Op> ops = ops(resource);
        IncrementalConfigOps.checkShape(ops);
        return current -> IncrementalConfigOps.apply(current, ops, alteration.known());
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
