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
 * are passed to and read back from the topic lookup: those it applies (retention), those fixed by how Pulsar
 * stores the data (read-only), and Kafka's other log settings, which are recorded only.
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
                "Largest record batch a producer may send; the broker's kafka.maxMessageBytes."));
        add(new ConfigEntry("message.timestamp.type", "CreateTime", ConfigType.STRING, true,
                "Record timestamps are the producer's creation times."));
        add(new ConfigEntry("message.format.version", "3.0-IV1", ConfigType.STRING, true,
                "Records are served in the v2 record batch format."));
        add(new ConfigEntry("compression.type", "producer", ConfigType.STRING, true,
                "Batches keep the producer's compression."));
        add(new ConfigEntry("min.insync.replicas", "1", ConfigType.INT, true,
                "A partition has one Kafka replica; how many bookies acknowledge each write is BookKeeper's ack"
                        + " quorum (Pulsar's namespace persistence policy)."));
        add(new ConfigEntry("remote.storage.enable", "false", ConfigType.BOOLEAN, true,
                "Moving data to tiered storage is Pulsar's offload policy."));
        recorded("segment.bytes", "1073741824", ConfigType.INT);
        recorded("segment.ms", "604800000", ConfigType.LONG);
        recorded("segment.jitter.ms", "0", ConfigType.LONG);
        recorded("segment.index.bytes", "10485760", ConfigType.INT);
        recorded("index.interval.bytes", "4096", ConfigType.INT);
        recorded("flush.messages", Long.toString(Long.MAX_VALUE), ConfigType.LONG);
        recorded("flush.ms", Long.toString(Long.MAX_VALUE), ConfigType.LONG);
        recorded("file.delete.delay.ms", "60000", ConfigType.LONG);
        recorded("preallocate", "false", ConfigType.BOOLEAN);
        recorded("delete.retention.ms", "86400000", ConfigType.LONG);
        recorded("min.compaction.lag.ms", "0", ConfigType.LONG);
        recorded("max.compaction.lag.ms", Long.toString(Long.MAX_VALUE), ConfigType.LONG);
        recorded("min.cleanable.dirty.ratio", "0.5", ConfigType.DOUBLE);
        recorded("unclean.leader.election.enable", "false", ConfigType.BOOLEAN);
        recorded("local.retention.ms", "-2", ConfigType.LONG);
        recorded("local.retention.bytes", "-2", ConfigType.LONG);
        recorded("remote.log.copy.disable", "false", ConfigType.BOOLEAN);
        recorded("remote.log.delete.on.disable", "false", ConfigType.BOOLEAN);
        recorded("compression.gzip.level", "-1", ConfigType.INT);
        recorded("compression.lz4.level", "9", ConfigType.INT);
        recorded("compression.zstd.level", "3", ConfigType.INT);
        recorded("message.timestamp.before.max.ms", Long.toString(Long.MAX_VALUE), ConfigType.LONG);
        recorded("message.timestamp.after.max.ms", "3600000", ConfigType.LONG);
        recorded("message.downconversion.enable", "true", ConfigType.BOOLEAN);
        recorded("leader.replication.throttled.replicas", "", ConfigType.LIST);
        recorded("follower.replication.throttled.replicas", "", ConfigType.LIST);
    }

    /**
     * A Kafka log setting with no counterpart here (segments, flushing, indexes, compaction, replication
     * throttles): accepted so that tools and frameworks that set it can create and alter topics, stored and
     * reported, with no effect.
     */
    private void recorded(String name, String kafkaDefault, ConfigType type) {
        add(new ConfigEntry(name, kafkaDefault, type, false,
                "Recorded and reported, with no effect: Pulsar's managed ledger and BookKeeper store the data."));
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
