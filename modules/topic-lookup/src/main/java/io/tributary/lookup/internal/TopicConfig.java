package io.tributary.lookup.internal;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Topic-level settings a protocol sets at creation or later, kept in the partitioned topic's metadata
 * properties under {@value #PREFIX}. Retention also becomes the topic's Pulsar retention policy
 * ({@link TopicRetention}); the others are kept for the protocol to report.
 */
public final class TopicConfig {

    public static final String PREFIX = "tributary.config.";
    public static final String TOPIC_ID = "tributary.topicId";

    private TopicConfig() {
    }

    /**
     * Validates what this module acts on: every value is present, and retention limits are numbers of -1 or more.
     * Which other keys exist and what values they take is the protocol's to check. The message of the failure names
     * the offending key.
     */
    public static void validate(Map<String, String> config) {
        for (Map.Entry<String, String> e : config.entrySet()) {
            String key = e.getKey();
            String value = e.getValue();
            if (key == null || key.isEmpty() || value == null) {
                throw new IllegalArgumentException("topic config " + key + " has no value");
            }
            if (key.equals("retention.ms") || key.equals("retention.bytes")) {
                requireLong(key, value, -1);
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
