package io.tributary.kafka.admin;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.kafka.common.requests.DescribeConfigsResponse.ConfigType;

/**
 * The Kafka topic configuration keys this broker knows, under their Kafka names, which is also how they
 * are passed to and read back from the topic lookup: those it applies (retention), those fixed by how Pulsar
 * stores the data (read-only), and Kafka's other log settings, which are recorded only.
 */
final class TopicConfigs {

    private static final Set<String> CLEANUP_POLICIES = Set.of("delete", "compact");
    /** One item of a throttled-replicas list: {@code PARTITION:BROKER}, or empty. */
    private static final Pattern THROTTLED_REPLICA = Pattern.compile("([0-9]+:[0-9]+)?");

    private final Map<String, ConfigEntry> entries = new LinkedHashMap<>();

    TopicConfigs(int maxMessageBytes) {
        add(new ConfigEntry("cleanup.policy", "delete", ConfigType.LIST, false,
                "Recorded and reported; old data goes by retention, and topics are not compacted."));
        add(new ConfigEntry("retention.ms", "604800000", ConfigType.LONG, false,
                "How long data is kept before it may be discarded; -1 for no time limit.",
                -1, Double.POSITIVE_INFINITY));
        add(new ConfigEntry("retention.bytes", "-1", ConfigType.LONG, false,
                "How much data a partition keeps before old data may be discarded; -1 for no size limit.",
                -1, Double.POSITIVE_INFINITY));
        add(new ConfigEntry("max.message.bytes", Integer.toString(maxMessageBytes), ConfigType.INT, true,
                "Largest record batch a producer may send; the broker's kafka.maxMessageBytes."));
        add(new ConfigEntry("message.timestamp.type", "CreateTime", ConfigType.STRING, true,
                "Record timestamps are the producer's creation times."));
        add(new ConfigEntry("compression.type", "producer", ConfigType.STRING, true,
                "Batches keep the producer's compression."));
        add(new ConfigEntry("min.insync.replicas", "1", ConfigType.INT, true,
                "A partition has one Kafka replica; how many bookies acknowledge each write is BookKeeper's ack"
                        + " quorum (Pulsar's namespace persistence policy)."));
        add(new ConfigEntry("remote.storage.enable", "false", ConfigType.BOOLEAN, true,
                "Moving data to tiered storage is Pulsar's offload policy."));
        recorded("segment.bytes", "1073741824", ConfigType.INT, 1024 * 1024);
        recorded("segment.ms", "604800000", ConfigType.LONG, 1);
        recorded("segment.jitter.ms", "0", ConfigType.LONG, 0);
        recorded("segment.index.bytes", "10485760", ConfigType.INT, 4);
        recorded("index.interval.bytes", "4096", ConfigType.INT, 0);
        recorded("flush.messages", Long.toString(Long.MAX_VALUE), ConfigType.LONG, 1);
        recorded("flush.ms", Long.toString(Long.MAX_VALUE), ConfigType.LONG, 0);
        recorded("file.delete.delay.ms", "60000", ConfigType.LONG, 0);
        recorded("preallocate", "false", ConfigType.BOOLEAN);
        recorded("delete.retention.ms", "86400000", ConfigType.LONG, 0);
        recorded("min.compaction.lag.ms", "0", ConfigType.LONG, 0);
        recorded("max.compaction.lag.ms", Long.toString(Long.MAX_VALUE), ConfigType.LONG, 1);
        add(recordedEntry("min.cleanable.dirty.ratio", "0.5", ConfigType.DOUBLE, 0, 1));
        recorded("unclean.leader.election.enable", "false", ConfigType.BOOLEAN);
        recorded("local.retention.ms", "-2", ConfigType.LONG, -2);
        recorded("local.retention.bytes", "-2", ConfigType.LONG, -2);
        recorded("remote.log.copy.disable", "false", ConfigType.BOOLEAN);
        recorded("remote.log.delete.on.disable", "false", ConfigType.BOOLEAN);
        add(recordedEntry("compression.gzip.level", "-1", ConfigType.INT, -1, 9));
        add(recordedEntry("compression.lz4.level", "9", ConfigType.INT, 1, 17));
        add(recordedEntry("compression.zstd.level", "3", ConfigType.INT, -131072, 22));
        recorded("message.timestamp.before.max.ms", Long.toString(Long.MAX_VALUE), ConfigType.LONG, 0);
        recorded("message.timestamp.after.max.ms", "3600000", ConfigType.LONG, 0);
        recorded("leader.replication.throttled.replicas", "", ConfigType.LIST);
        recorded("follower.replication.throttled.replicas", "", ConfigType.LIST);
    }

    /**
     * A Kafka log setting with no counterpart here (segments, flushing, indexes, compaction, replication
     * throttles): accepted so that tools and frameworks that set it can create and alter topics, stored and
     * reported, with no effect. Numbers must be at least {@code min}, as Kafka requires.
     */
    private void recorded(String name, String kafkaDefault, ConfigType type) {
        add(recordedEntry(name, kafkaDefault, type, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY));
    }

    private void recorded(String name, String kafkaDefault, ConfigType type, long min) {
        add(recordedEntry(name, kafkaDefault, type, min, Double.POSITIVE_INFINITY));
    }

    private static ConfigEntry recordedEntry(String name, String kafkaDefault, ConfigType type, double min,
                                             double max) {
        return new ConfigEntry(name, kafkaDefault, type, false,
                "Recorded and reported, with no effect: Pulsar's managed ledger and BookKeeper store the data.",
                min, max);
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

    /** {@code settings} without the read-only keys, which {@link #validate} accepted at their fixed values. */
    Map<String, String> withoutFixed(Map<String, String> settings) {
        Map<String, String> stored = new LinkedHashMap<>(settings);
        stored.keySet().removeIf(name -> get(name).map(ConfigEntry::readOnly).orElse(false));
        return stored;
    }

    private static void checkValue(String name, String value) {
        switch (name) {
            case "cleanup.policy" -> {
                List<String> policies = Arrays.stream(value.split(",")).map(String::trim).toList();
                if (!CLEANUP_POLICIES.containsAll(policies) || policies.isEmpty()) {
                    throw new IllegalArgumentException("cleanup.policy must be delete, compact or both: " + value);
                }
            }
            case "compression.gzip.level" -> {
                if (Integer.parseInt(value) == 0) {
                    throw new IllegalArgumentException("compression.gzip.level must be -1 or between 1 and 9: 0");
                }
            }
            case "leader.replication.throttled.replicas", "follower.replication.throttled.replicas" -> {
                List<String> items = Arrays.stream(value.split(",", -1)).map(String::trim).toList();
                boolean pairs = items.stream().allMatch(item -> THROTTLED_REPLICA.matcher(item).matches());
                if (!items.get(0).equals("*") && !pairs) {
                    throw new IllegalArgumentException(name + " must be empty, * or PARTITION:BROKER,...: " + value);
                }
            }
            default -> {
            }
        }
    }
}
