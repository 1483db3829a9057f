package io.tributary.host;

import io.netty.util.internal.PlatformDependent;
import io.tributary.coordinator.GroupsConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/** The host's settings, read from the broker's properties under {@code tributary.}; validated on creation. */
public record HostConfig(
        Path modulesDirectory,
        Path storageDirectory,
        List<ListenerSpec> listeners,
        List<ListenerSpec> advertisedListeners,
        Duration drainTimeout,
        Duration watchInterval,
        Optional<ListenerSpec> adminAddress,
        int ioThreads,
        GroupsConfig groups,
        long recentBatchesBytes,
        long readAheadBytes,
        Properties brokerProperties) {

    public static final String PREFIX = "tributary.";
    public static final String MODULES_DIRECTORY = PREFIX + "modulesDirectory";
    public static final String STORAGE_DIRECTORY = PREFIX + "storageDirectory";
    public static final String LISTENERS = PREFIX + "listeners";
    public static final String ADVERTISED_LISTENERS = PREFIX + "advertisedListeners";
    public static final String DRAIN_TIMEOUT_MS = PREFIX + "drainTimeoutMs";
    public static final String WATCH_INTERVAL_MS = PREFIX + "watchIntervalMs";
    public static final String ADMIN_ADDRESS = PREFIX + "adminAddress";
    public static final String IO_THREADS = PREFIX + "ioThreads";
    public static final String GROUPS_NAMESPACE = PREFIX + "groups.namespace";
    public static final String GROUPS_PARTITIONS = PREFIX + "groups.partitions";
    public static final String GROUPS_INITIAL_REBALANCE_DELAY_MS = PREFIX + "groups.initialRebalanceDelayMs";
    public static final String GROUPS_OFFSETS_RETENTION_MINUTES = PREFIX + "groups.offsetsRetentionMinutes";
    public static final String RECENT_BATCHES_MB = PREFIX + "recentBatchesMb";
    public static final String READ_AHEAD_MB = PREFIX + "readAheadMb";
    private static final String AUTO = "auto";
    private static final long MB = 1024 * 1024;

    /** Every key the host reads, with its default and meaning, as documented in the README. */
    public static final Map<String, String> DEFAULTS = Map.ofEntries(
            Map.entry(MODULES_DIRECTORY, "modules"),
            Map.entry(STORAGE_DIRECTORY, "data/tributary"),
            Map.entry(LISTENERS, ""),
            Map.entry(ADVERTISED_LISTENERS, ""),
            Map.entry(DRAIN_TIMEOUT_MS, "10000"),
            Map.entry(WATCH_INTERVAL_MS, "1000"),
            Map.entry(ADMIN_ADDRESS, "127.0.0.1:8081"),
            Map.entry(IO_THREADS, Integer.toString(Runtime.getRuntime().availableProcessors())),
            Map.entry(GROUPS_NAMESPACE, "public/__tributary"),
            Map.entry(GROUPS_PARTITIONS, "8"),
            Map.entry(GROUPS_INITIAL_REBALANCE_DELAY_MS, "3000"),
            Map.entry(GROUPS_OFFSETS_RETENTION_MINUTES, "10080"),
            Map.entry(RECENT_BATCHES_MB, AUTO),
            Map.entry(READ_AHEAD_MB, AUTO));

    public static HostConfig from(Properties broker) {
        Map<String, String> p = new HashMap<>(DEFAULTS);
        for (String name : broker.stringPropertyNames()) {
            if (name.startsWith(PREFIX)) {
                if (!DEFAULTS.containsKey(name)) {
                    throw new IllegalArgumentException("unknown setting " + name + "; known: " + DEFAULTS.keySet());
                }
                p.put(name, broker.getProperty(name).trim());
            }
        }
        String admin = p.get(ADMIN_ADDRESS);
        return new HostConfig(
                Path.of(p.get(MODULES_DIRECTORY)).toAbsolutePath(),
                Path.of(p.get(STORAGE_DIRECTORY)).toAbsolutePath(),
                ListenerSpec.parseList(LISTENERS, p.get(LISTENERS)),
                ListenerSpec.parseList(ADVERTISED_LISTENERS, p.get(ADVERTISED_LISTENERS)),
                Duration.ofMillis(positive(p, DRAIN_TIMEOUT_MS)),
                Duration.ofMillis(positive(p, WATCH_INTERVAL_MS)),
                admin.isEmpty() ? Optional.empty() : Optional.of(ListenerSpec.parse(ADMIN_ADDRESS, "http://" + admin)),
                (int) positive(p, IO_THREADS),
                groups(p),
                directMemoryShare(p, RECENT_BATCHES_MB, 8),
                directMemoryShare(p, READ_AHEAD_MB, 16),
                broker);
    }

    /** Listeners configured for one protocol. */
    public List<ListenerSpec> listenersOf(String protocol) {
        return listeners.stream().filter(l -> l.protocol().equals(protocol)).toList();
    }

    /** The advertised listener configured for a protocol's n-th listener, if any. */
    public Optional<ListenerSpec> advertisedFor(String protocol, int index) {
        List<ListenerSpec> advertised = advertisedListeners.stream().filter(l -> l.protocol().equals(protocol)).toList();
        return index < advertised.size() ? Optional.of(advertised.get(index)) : Optional.empty();
    }

    /** Broker properties under {@code <protocol>.}, with the prefix removed. */
    public Map<String, String> moduleProperties(String protocol) {
        String prefix = protocol + ".";
        Map<String, String> result = new HashMap<>();
        for (String name : brokerProperties.stringPropertyNames()) {
            if (name.startsWith(prefix)) {
                result.put(name.substring(prefix.length()), brokerProperties.getProperty(name).trim());
            }
        }
        return Map.copyOf(result);
    }

    private static GroupsConfig groups(Map<String, String> p) {
        long delay = positive(p, GROUPS_INITIAL_REBALANCE_DELAY_MS, 0);
        try {
            return new GroupsConfig(p.get(GROUPS_NAMESPACE), (int) positive(p, GROUPS_PARTITIONS), delay,
                    positive(p, GROUPS_OFFSETS_RETENTION_MINUTES));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(GROUPS_NAMESPACE + ": " + e.getMessage(), e);
        }
    }

    /** A size in MiB, where {@code auto} is the given share of the JVM's direct memory limit. */
    private static long directMemoryShare(Map<String, String> p, String key, int divisor) {
        if (AUTO.equals(p.get(key))) {
            return PlatformDependent.maxDirectMemory() / divisor;
        }
        return positive(p, key, 0) * MB;
    }

    private static long positive(Map<String, String> p, String key) {
        return positive(p, key, 1);
    }

    private static long positive(Map<String, String> p, String key, long minimum) {
        try {
            long value = Long.parseLong(p.get(key));
            if (value >= minimum) {
                return value;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new IllegalArgumentException(key + (minimum > 0 ? " must be a positive number" : " must not be negative")
                + ", not '" + p.get(key) + "'");
    }
}
