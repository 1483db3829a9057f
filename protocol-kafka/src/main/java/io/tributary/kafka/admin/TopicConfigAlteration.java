package io.tributary.kafka.admin;

import io.tributary.kafka.topic.KafkaTopics;
import io.tributary.spi.topic.TopicName;
import io.tributary.spi.topic.TopicNotFoundException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.UnaryOperator;
import org.apache.kafka.common.config.ConfigResource;

/**
 * Changes one topic's settings: reads them, applies a change, checks the result against the keys this broker
 * knows and, unless only validating, stores it. Shared by AlterConfigs and IncrementalAlterConfigs.
 */
final class TopicConfigAlteration {

    private final KafkaTopics topics;
    private final TopicConfigs known;

    TopicConfigAlteration(KafkaTopics topics, TopicConfigs known) {
        this.topics = topics;
        this.known = known;
    }

    /** Why a resource that is not a topic cannot be altered. */
    static String notAlterable(byte resourceType) {
        ConfigResource.Type type = ConfigResource.Type.forId(resourceType);
        return type == ConfigResource.Type.BROKER
                ? "broker settings are the broker's configuration; they cannot be altered through Kafka"
                : "resource type " + type + " has no alterable settings";
    }

    TopicConfigs known() {
        return known;
    }

    /**
     * Fails with {@link TopicNotFoundException} for a missing topic and {@link IllegalArgumentException} for
     * settings this broker does not accept.
     */
    CompletableFuture<Void> alter(String kafkaName, UnaryOperator<Map<String, String>> change, boolean validateOnly) {
        TopicName name;
        try {
            name = topics.parse(kafkaName);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        return topics.describe(name).thenCompose(found -> {
            Map<String, String> current = found
                    .orElseThrow(() -> new TopicNotFoundException("no such topic: " + kafkaName)).config();
            Map<String, String> altered = change.apply(current);
            known.validate(altered);
            return validateOnly ? CompletableFuture.completedFuture(null)
                    : topics.alterConfig(name, altered).thenApply(metadata -> null);
        });
    }
}
