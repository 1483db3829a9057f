package io.tributary.kafka.admin;

import io.tributary.kafka.KafkaConfig;
import io.tributary.kafka.api.ApiHandler;
import io.tributary.kafka.api.Futures;
import io.tributary.kafka.api.KafkaErrors;
import io.tributary.kafka.api.RequestContext;
import io.tributary.kafka.topic.KafkaTopics;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.message.DescribeConfigsRequestData;
import org.apache.kafka.common.message.DescribeConfigsRequestData.DescribeConfigsResource;
import org.apache.kafka.common.message.DescribeConfigsResponseData;
import org.apache.kafka.common.message.DescribeConfigsResponseData.DescribeConfigsResourceResult;
import org.apache.kafka.common.message.DescribeConfigsResponseData.DescribeConfigsResult;
import org.apache.kafka.common.message.DescribeConfigsResponseData.DescribeConfigsSynonym;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.ApiError;
import org.apache.kafka.common.requests.DescribeConfigsResponse.ConfigSource;

/** Topic settings (defaults, overridden by what the topic lookup reports) and this broker's settings. */
public final class DescribeConfigsHandler implements ApiHandler<DescribeConfigsRequestData, DescribeConfigsResponseData> {

    private final KafkaTopics topics;
    private final TopicConfigs topicConfigs;
    private final KafkaConfig config;

    public DescribeConfigsHandler(KafkaTopics topics, KafkaConfig config) {
        this.topics = topics;
        this.topicConfigs = new TopicConfigs(config.maxMessageBytes());
        this.config = config;
    }

    @Override
    public ApiKeys apiKey() {
        return ApiKeys.DESCRIBE_CONFIGS;
    }

    @Override
    public short minVersion() {
        return 1;
    }

    @Override
    public short maxVersion() {
        return 4;
    }

    @Override
    public CompletableFuture<DescribeConfigsResponseData> handle(RequestContext context,
                                                                 DescribeConfigsRequestData request) {
        return Futures.all(request.resources().stream().map(resource -> describe(context, request, resource)).toList())
                .thenApply(results -> new DescribeConfigsResponseData().setResults(results));
    }

    private CompletableFuture<DescribeConfigsResult> describe(RequestContext context, DescribeConfigsRequestData request,
                                                              DescribeConfigsResource resource) {
        DescribeConfigsResult result = new DescribeConfigsResult()
                .setResourceType(resource.resourceType())
                .setResourceName(resource.resourceName());
        ConfigResource.Type type = ConfigResource.Type.forId(resource.resourceType());
        if (type == ConfigResource.Type.BROKER) {
            return CompletableFuture.completedFuture(result.setConfigs(entries(request, resource,
                    BrokerConfigs.of(config, context.self().id()), Map.of(), ConfigSource.STATIC_BROKER_CONFIG)));
        }
        if (type != ConfigResource.Type.TOPIC) {
            return CompletableFuture.completedFuture(result.setErrorCode(Errors.INVALID_REQUEST.code())
                    .setErrorMessage("resource type " + type + " is not supported"));
        }
        CompletableFuture<DescribeConfigsResult> described;
        try {
            described = topics.describe(topics.parse(resource.resourceName())).thenApply(found -> found.isEmpty()
                    ? result.setErrorCode(Errors.UNKNOWN_TOPIC_OR_PARTITION.code())
                    : result.setConfigs(entries(request, resource, topicConfigs.all(), found.get().config(),
                            ConfigSource.DEFAULT_CONFIG)));
        } catch (RuntimeException e) {
            described = CompletableFuture.failedFuture(e);
        }
        return described.exceptionally(e -> {
            ApiError error = KafkaErrors.of(e);
            return result.setErrorCode(error.error().code()).setErrorMessage(error.message());
        });
    }

    private static List<DescribeConfigsResourceResult> entries(DescribeConfigsRequestData request,
                                                               DescribeConfigsResource resource, List<ConfigEntry> known,
                                                               Map<String, String> overrides, ConfigSource defaultSource) {
        List<String> wanted = resource.configurationKeys();
        return known.stream()
                .filter(entry -> wanted == null || wanted.contains(entry.name()))
                .map(entry -> {
                    boolean overridden = overrides.containsKey(entry.name());
                    String value = overridden ? overrides.get(entry.name()) : entry.defaultValue();
                    ConfigSource source = overridden ? ConfigSource.TOPIC_CONFIG : defaultSource;
                    DescribeConfigsResourceResult result = new DescribeConfigsResourceResult()
                            .setName(entry.name())
                            .setValue(value)
                            .setReadOnly(entry.readOnly())
                            .setConfigSource(source.id())
                            .setIsSensitive(false)
                            .setConfigType(entry.type().id())
                            .setDocumentation(request.includeDocumentation() ? entry.doc() : null);
                    if (request.includeSynonyms()) {
                        result.synonyms().add(new DescribeConfigsSynonym()
                                .setName(entry.name()).setValue(value).setSource(source.id()));
                    }
                    return result;
                })
                .toList();
    }
}
