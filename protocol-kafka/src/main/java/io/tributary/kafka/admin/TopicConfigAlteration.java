package io.tributary.kafka.admin;

import io.tributary.kafka.api.Futures;
import io.tributary.kafka.api.KafkaErrors;
import io.tributary.kafka.topic.KafkaTopics;
import io.tributary.spi.topic.TopicName;
import io.tributary.spi.topic.TopicNotFoundException;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.ApiError;

/**
 * Changes one resource's settings for AlterConfigs and IncrementalAlterConfigs: only topics have settings that
 * can change. A topic's are read, changed, checked against the keys this broker knows and, unless only
 * validating, stored. Alterations of one topic on this broker take turns; the topic lookup stores a change only
 * over the settings it was applied to, and applies it again otherwise, so alterations through other brokers at
 * the same time are not lost either.
 */
public final class TopicConfigAlteration {

    private final KafkaTopics topics;
    private final TopicConfigs known;
    private final ConcurrentHashMap<TopicName, CompletableFuture<Void>> turns = new ConcurrentHashMap<>();

    public TopicConfigAlteration(KafkaTopics topics, int maxMessageBytes) {
        this.topics = topics;
        this.known = new TopicConfigs(maxMessageBytes);
    }

    TopicConfigs known() {
        return known;
    }

    /**
     * One resource of a request. {@code change} builds the change to apply and may throw for a malformed request,
     * before the topic is read.
     */
    record Resource(byte type, String name, Supplier<UnaryOperator<Map<String, String>>> change) {

        private String key() {
            return type + "/" + name;
        }
    }

    /**
     * The answers for a request's resources, in their order: {@link ApiError#NONE} or the error. A resource the
     * request names more than once is refused in all its copies, as Kafka does.
     */
    CompletableFuture<List<ApiError>> alterAll(List<Resource> resources, boolean validateOnly) {
        Set<String> seen = new HashSet<>();
        Set<String> repeated = resources.stream().map(Resource::key).filter(key -> !seen.add(key))
                .collect(Collectors.toSet());
        return Futures.all(resources.stream()
                .map(resource -> alter(resource, repeated.contains(resource.key()), validateOnly)).toList());
    }

    CompletableFuture<ApiError> alter(Resource resource, boolean repeated, boolean validateOnly) {
        byte resourceType = resource.type();
        String resourceName = resource.name();
        if (repeated) {
            return CompletableFuture.completedFuture(new ApiError(Errors.INVALID_REQUEST,
                    "resource " + resourceName + " appears more than once in the request"));
        }
        ConfigResource.Type type = ConfigResource.Type.forId(resourceType);
        if (type != ConfigResource.Type.TOPIC) {
            return CompletableFuture.completedFuture(new ApiError(Errors.INVALID_REQUEST,
                    type == ConfigResource.Type.BROKER
                            ? "broker settings are the broker's configuration; they cannot be altered through Kafka"
                            : "resource type " + type + " has no alterable settings"));
        }
        CompletableFuture<Void> altered;
        try {
            altered = alterTopic(resourceName, resource.change().get(), validateOnly);
        } catch (RuntimeException e) {
            altered = CompletableFuture.failedFuture(e);
        }
        return altered.thenApply(v -> ApiError.NONE).exceptionally(KafkaErrors::ofTopicConfig);
    }

    private CompletableFuture<Void> alterTopic(String kafkaName, UnaryOperator<Map<String, String>> change,
                                               boolean validateOnly) {
        TopicName name = topics.parse(kafkaName);
        CompletableFuture<Void> done = new CompletableFuture<>();
        CompletableFuture<Void> previous = turns.put(name, done);
        return (previous == null ? CompletableFuture.<Void>completedFuture(null) : previous)
                .thenCompose(v -> readChangeStore(name, kafkaName, change, validateOnly))
                .whenComplete((v, e) -> {
                    turns.remove(name, done);
                    done.complete(null);
                });
    }

    private CompletableFuture<Void> readChangeStore(TopicName name, String kafkaName,
                                                    UnaryOperator<Map<String, String>> change, boolean validateOnly) {
        UnaryOperator<Map<String, String>> checked = current -> {
            Map<String, String> altered = change.apply(current);
            known.validate(altered);
            return known.withoutFixed(altered);
        };
        if (!validateOnly) {
            return topics.updateConfig(name, checked).thenApply(metadata -> null);
        }
        return topics.describe(name).thenAccept(found -> checked.apply(found
                .orElseThrow(() -> new TopicNotFoundException("no such topic: " + kafkaName)).config()));
    }
}
