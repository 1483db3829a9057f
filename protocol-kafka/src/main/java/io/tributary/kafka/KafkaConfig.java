package io.tributary.kafka;

import io.tributary.spi.Endpoint;
import io.tributary.spi.storage.EntryFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The Kafka module's configuration, built from the broker properties under {@code kafka.} (prefix
 * removed). Every key, its default and its meaning is declared once in {@link #SETTINGS}; an unknown
 * key or an invalid value fails with a message naming the key.
 */
public final class KafkaConfig {

    /** One configuration key: its name, default value (as text) and documentation. */
    public record Setting(String name, String defaultValue, String doc) {
    }

    public static final Setting TENANT = new Setting("tenant", "public",
            "Pulsar tenant of bare Kafka topic names.");
    public static final Setting NAMESPACE = new Setting("namespace", "default",
            "Pulsar namespace of bare Kafka topic names.");
    public static final Setting AUTO_CREATE_TOPICS = new Setting("autoCreateTopics", "true",
            "Create a topic when a client asks for its metadata and allows auto-creation.");
    public static final Setting DEFAULT_PARTITIONS = new Setting("defaultPartitions", "1",
            "Partitions of an auto-created topic, and of a created topic that does not say.");
    public static final Setting MAX_REQUEST_SIZE = new Setting("maxRequestSize", "104857600",
            "Largest request frame in bytes; a larger one closes the connection.");
    public static final Setting MAX_MESSAGE_BYTES = new Setting("maxMessageBytes", "1048588",
            "Largest record batch a producer may send (Kafka's message.max.bytes).");
    public static final Setting ENTRY_FORMAT = new Setting("entryFormat", "pulsar",
            "How produced batches are stored: 'pulsar' (readable by Pulsar clients) or 'kafka' (pass-through).");
    public static final Setting ADVERTISED_LISTENERS = new Setting("advertisedListeners", "",
            "Overrides the advertised endpoints: comma-separated name://host:port, name being the listener name.");
    public static final Setting FETCH_SESSION_CACHE_SIZE = new Setting("fetchSessionCacheSize", "1000",
            "Incremental fetch sessions kept per broker; 0 disables fetch sessions.");
    public static final Setting MAX_IN_FLIGHT_REQUESTS = new Setting("maxInFlightRequests", "100",
            "Requests a connection may have in flight before the broker stops reading from it.");

    public static final List<Setting> SETTINGS = List.of(TENANT, NAMESPACE, AUTO_CREATE_TOPICS, DEFAULT_PARTITIONS,
            MAX_REQUEST_SIZE, MAX_MESSAGE_BYTES, ENTRY_FORMAT, ADVERTISED_LISTENERS, FETCH_SESSION_CACHE_SIZE,
            MAX_IN_FLIGHT_REQUESTS);

    private final String tenant;
    private final String namespace;
    private final boolean autoCreateTopics;
    private final int defaultPartitions;
    private final int maxRequestSize;
    private final int maxMessageBytes;
    private final EntryFormat entryFormat;
    private final Map<String, Endpoint> advertisedListeners;
    private final int fetchSessionCacheSize;
    private final int maxInFlightRequests;

    private KafkaConfig(Map<String, String> values) {
        tenant = parse(values, TENANT, KafkaConfig::name);
        namespace = parse(values, NAMESPACE, KafkaConfig::name);
        autoCreateTopics = parse(values, AUTO_CREATE_TOPICS, KafkaConfig::bool);
        defaultPartitions = parse(values, DEFAULT_PARTITIONS, v -> intAtLeast(v, 1));
        maxRequestSize = parse(values, MAX_REQUEST_SIZE, v -> intAtLeast(v, 1024));
        maxMessageBytes = parse(values, MAX_MESSAGE_BYTES, v -> intAtLeast(v, 1));
        entryFormat = parse(values, ENTRY_FORMAT, KafkaConfig::entryFormat);
        advertisedListeners = parse(values, ADVERTISED_LISTENERS, KafkaConfig::listeners);
        fetchSessionCacheSize = parse(values, FETCH_SESSION_CACHE_SIZE, v -> intAtLeast(v, 0));
        maxInFlightRequests = parse(values, MAX_IN_FLIGHT_REQUESTS, v -> intAtLeast(v, 1));
    }

    /** Validates {@code properties}; throws {@link IllegalArgumentException} naming the first bad key. */
    public static KafkaConfig from(Map<String, String> properties) {
        TreeSet<String> unknown = new TreeSet<>(properties.keySet());
        SETTINGS.forEach(s -> unknown.remove(s.name()));
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("unknown Kafka module configuration key(s) " + unknown
                    + "; known keys: " + SETTINGS.stream().map(Setting::name).toList());
        }
        return new KafkaConfig(properties);
    }

    public static KafkaConfig defaults() {
        return from(Map.of());
    }

    public String tenant() {
        return tenant;
    }

    public String namespace() {
        return namespace;
    }

    public boolean autoCreateTopics() {
        return autoCreateTopics;
    }

    public int defaultPartitions() {
        return defaultPartitions;
    }

    public int maxRequestSize() {
        return maxRequestSize;
    }

    public int maxMessageBytes() {
        return maxMessageBytes;
    }

    public EntryFormat entryFormat() {
        return entryFormat;
    }

    /** The advertised endpoint configured for the listener {@code name}, if any. */
    public Optional<Endpoint> advertisedListener(String name) {
        return Optional.ofNullable(advertisedListeners.get(name));
    }

    public int fetchSessionCacheSize() {
        return fetchSessionCacheSize;
    }

    public int maxInFlightRequests() {
        return maxInFlightRequests;
    }

    private static <T> T parse(Map<String, String> values, Setting setting, Function<String, T> parser) {
        String raw = values.getOrDefault(setting.name(), setting.defaultValue()).trim();
        try {
            return parser.apply(raw);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("invalid value '" + raw + "' for Kafka module configuration key '"
                    + setting.name() + "' (" + setting.doc() + "): " + e.getMessage(), e);
        }
    }

    private static String name(String value) {
        if (value.isEmpty() || value.contains("/")) {
            throw new IllegalArgumentException("must be a non-empty name without '/'");
        }
        return value;
    }

    private static boolean bool(String value) {
        if (!value.equals("true") && !value.equals("false")) {
            throw new IllegalArgumentException("must be true or false");
        }
        return Boolean.parseBoolean(value);
    }

    private static int intAtLeast(String value, int min) {
        int parsed = Integer.parseInt(value);
        if (parsed < min) {
            throw new IllegalArgumentException("must be at least " + min);
        }
        return parsed;
    }

    private static EntryFormat entryFormat(String value) {
        return switch (value) {
            case "pulsar" -> EntryFormat.PULSAR;
            case "kafka" -> EntryFormat.PASS_THROUGH;
            default -> throw new IllegalArgumentException("must be 'pulsar' or 'kafka'");
        };
    }

    private static Map<String, Endpoint> listeners(String value) {
        Map<String, Endpoint> endpoints = new LinkedHashMap<>();
        if (value.isEmpty()) {
            return endpoints;
        }
        for (String entry : value.split(",")) {
            String trimmed = entry.trim();
            int scheme = trimmed.indexOf("://");
            int colon = trimmed.lastIndexOf(':');
            if (scheme <= 0 || colon <= scheme + 3) {
                throw new IllegalArgumentException("'" + trimmed + "' is not name://host:port");
            }
            String host = trimmed.substring(scheme + 3, colon);
            int port = Integer.parseInt(trimmed.substring(colon + 1));
            endpoints.put(trimmed.substring(0, scheme), new Endpoint(host, port));
        }
        return Map.copyOf(endpoints);
    }
}
