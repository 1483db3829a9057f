package io.tributary.lookup.internal;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Topic-level settings a protocol may set at creation, kept in the partitioned topic's metadata
 * properties under {@value #PREFIX}. Retention also becomes the topic's Pulsar retention policy
 * ({@link TopicRetention}); the others are recorded and reported.
 */
public final class TopicConfig {

    public static final String PREFIX = "tributary.config.";
    public static final String TOPIC_ID = "tributary.topicId";

    private static final Set<String> CLEANUP_POLICIES = Set.of("delete", "compact", "compact,delete", "delete,compact");

    private TopicConfig() {
    }

    /** Validates the settings; the message of the failure names the offending key. */
    public static void validate(Map<String, String> config) {
        for (Map.Entry<String, String> e : config.entrySet()) {
            String key = e.getKey();
            String value = e.getValue();
            switch (key) {
                case "retention.ms", "retention.bytes" -> requireLong(key, value, -1);
                case "max.message.bytes", "segment.bytes" -> requireLong(key, value, 1);
                case "cleanup.policy" -> {
                    if (value == null || !CLEANUP_POLICIES.contains(value.replace(" ", ""))) {
                        throw new IllegalArgumentException("invalid value for cleanup.policy: " + value);
                    }
                }
                default -> throw new IllegalArgumentException("unknown topic config key: " + key);
            }
        }
    }

    public static Map<String, String> toProperties(Map<String, String> config, String topicId) {
        Map<String, String> properties = new HashMap<>();
        config.forEach((k, v) -> properties.put(PREFIX + k, v));
        properties.put(TOPIC_ID, topicId);
        return properties;
    }

    /** {@code properties} with its settings replaced by {@code config}; other properties are kept. */
    public static Map<String, String> withConfig(Map<String, String> properties, Map<String, String> config) {
        Map<String, String> updated = new HashMap<>();
        if (properties != null) {
            properties.forEach((k, v) -> {
                if (!k.startsWith(PREFIX)) {
                    updated.put(k, v);
                }
            });
        }
        config.forEach((k, v) -> updated.put(PREFIX + k, v));
        return updated;
    }

    public static Map<String, String> fromProperties(Map<String, String> properties) {
        Map<String, String> config = new TreeMap<>();
        if (properties != null) {
            properties.forEach((k, v) -> {
                if (k.startsWith(PREFIX)) {
                    config.put(k.substring(PREFIX.length()), v);
                }
            });
        }
        return Map.copyOf(config);
    }

    private static void requireLong(String key, String value, long min) {
        try {
            if (Long.parseLong(value) < min) {
                throw new IllegalArgumentException("value for " + key + " must be at least " + min + ": " + value);
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("invalid value for " + key + ": " + value);
        }
    }
}
