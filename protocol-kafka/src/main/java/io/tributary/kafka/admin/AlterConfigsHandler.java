package io.tributary.kafka.admin;

import io.tributary.kafka.api.ApiHandler;
import io.tributary.kafka.api.RequestContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.UnaryOperator;
import java.util.stream.IntStream;
import org.apache.kafka.common.errors.InvalidRequestException;
import org.apache.kafka.common.message.AlterConfigsRequestData;
import org.apache.kafka.common.message.AlterConfigsRequestData.AlterConfigsResource;
import org.apache.kafka.common.message.AlterConfigsResponseData;
import org.apache.kafka.common.message.AlterConfigsResponseData.AlterConfigsResourceResponse;
import org.apache.kafka.common.protocol.ApiKeys;

/**
 * Replaces a topic's settings with the given ones (the older, non-incremental API of clients that predate
 * IncrementalAlterConfigs); settings left out return to their defaults.
 */
public final class AlterConfigsHandler implements ApiHandler<AlterConfigsRequestData, AlterConfigsResponseData> {

    private final TopicConfigAlteration alteration;

    public AlterConfigsHandler(TopicConfigAlteration alteration) {
        this.alteration = alteration;
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
        List<AlterConfigsResource> resources = List.copyOf(request.resources());
        return alteration.alterAll(resources.stream().map(resource -> new TopicConfigAlteration.Resource(
                        resource.resourceType(), resource.resourceName(), () -> replacement(resource))).toList(),
                        request.validateOnly())
                .thenApply(errors -> new AlterConfigsResponseData().setResponses(
                        IntStream.range(0, resources.size()).mapToObj(i -> new AlterConfigsResourceResponse()
                                .setResourceType(resources.get(i).resourceType())
                                .setResourceName(resources.get(i).resourceName())
                                .setErrorCode(errors.get(i).error().code())
                                .setErrorMessage(errors.get(i).message())).toList()));
    }

    /** Every setting of the topic becomes the given ones; a key given twice or without a value is refused. */
    private static UnaryOperator<Map<String, String>> replacement(AlterConfigsResource resource) {
        Map<String, String> settings = new LinkedHashMap<>();
        resource.configs().forEach(config -> {
            if (config.value() == null) {
                throw new InvalidRequestException("no value for config " + config.name());
            }
            if (settings.put(config.name(), config.value()) != null) {
                throw new InvalidRequestException("config " + config.name() + " is given more than once");
            }
        });
        return current -> settings;
    }
}
