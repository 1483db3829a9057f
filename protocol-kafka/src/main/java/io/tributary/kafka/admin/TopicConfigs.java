package io.tributary.kafka.admin;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.common.requests.DescribeConfigsResponse.ConfigType;

/**
 * The Kafka topic configuration keys this broker knows, under their Kafka names, which is also how they
 * are passed to and read back from the topic lookup.
 */
final class TopicConfigs {

    private static final Set<String> CLEANUP_POLICIES = Set.of("delete", "compact");

    private final Map<String, ConfigEntry> entries = new LinkedHashMap<>();

    TopicConfigs(int maxMessageBytes) {
        add(new ConfigEntry("cleanup.policy", "delete", ConfigType.LIST, false,
                "Recorded and reported; old data goes by retention, and topics are not compacted."));
        add(new ConfigEntry("retention.ms", "604800000", ConfigType.LONG, false,
                "How long data is kept before it may be discarded; -1 for no time limit."));
        add(new ConfigEntry("retention.bytes", "-1", ConfigType.LONG, false,
                "How much data a partition keeps before old data may be discarded; -1 for no size limit."));
        add(new ConfigEntry("max.message.bytes", Integer.toString(maxMessageBytes), ConfigType.INT, true,
                "Largest record batch a producer may send."));
        add(new ConfigEntry("message.timestamp.type", "CreateTime", ConfigType.STRING, true,
                "Record timestamps are the producer's creation times."));
        add(new ConfigEntry("message.format.version", "3.0-IV1", ConfigType.STRING, true,
                "Records are served in the v2 record batch format."));
        add(new ConfigEntry("compression.type", "producer", ConfigType.STRING, true,
                "Batches keep the producer's compression when stored as Kafka bytes."));
        add(new ConfigEntry("min.insync.replicas", "1", ConfigType.INT, true,
                "Replication is BookKeeper's; a partition has one Kafka replica."));
    }

    private void add(ConfigEntry entry) {
        entries.put(entry.name(), entry);
    }

    List<ConfigEntry> all() {
        return List.copyOf(entries.values());
    }

    Optional<ConfigEntry> get(String name) {
        return Optional.ofNullable(entries.get(name));
    }

    /** Checks settings a client asked for; throws {@link IllegalArgumentException} naming the key. */
    void validate(Map<String, String> settings) {
        settings.forEach((name, value) -> {
            get(name).orElseThrow(() -> new IllegalArgumentException("unknown topic config " + name)).validate(value);
            checkValue(name, value);
        });
    }

    private static void checkValue(String name, String value) {
        switch (name) {
            case "retention.ms", "retention.bytes" -> {
                if (Long.parseLong(value) < -1) {
                    throw new IllegalArgumentException(name + " must be -1 or more: " + value);
                }
            }
            case "cleanup.policy" -> {
                List<String> policies = Arrays.stream(value.split(",")).map(String::trim).toList();
                if (!CLEANUP_POLICIES.containsAll(policies) || policies.isEmpty()) {
                    throw new IllegalArgumentException("cleanup.policy must be delete, compact or both: " + value);
                }
            }
            default -> {
            }
        }
    }
}
