package io.tributary.kafka.admin;

import io.tributary.kafka.api.ApiHandler;
import io.tributary.kafka.api.RequestContext;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.UnaryOperator;
import java.util.stream.IntStream;
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
        List<AlterConfigsResource> resources = List.copyOf(request.resources());
        return alteration.alterAll(resources.stream().map(resource -> new TopicConfigAlteration.Resource(
                        resource.resourceType(), resource.resourceName(), () -> change(resource))).toList(),
                        request.validateOnly())
                .thenApply(errors -> new IncrementalAlterConfigsResponseData().setResponses(
                        IntStream.range(0, resources.size()).mapToObj(i -> new AlterConfigsResourceResponse()
                                .setResourceType(resources.get(i).resourceType())
                                .setResourceName(resources.get(i).resourceName())
                                .setErrorCode(errors.get(i).error().code())
                                .setErrorMessage(errors.get(i).message())).toList()));
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
