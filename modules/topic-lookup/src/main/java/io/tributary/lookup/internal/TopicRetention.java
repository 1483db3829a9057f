package io.tributary.lookup.internal;

import java.util.Map;
import java.util.Optional;
import org.apache.pulsar.common.policies.data.RetentionPolicies;

/**
 * A topic's {@code retention.ms} and {@code retention.bytes} as its Pulsar retention policy. Like Kafka's, a
 * Pulsar retention policy lets data go once either limit is passed; Pulsar counts whole minutes and
 * megabytes, so the limits round up, and -1 stays unlimited. Pulsar refuses a policy with only one limit at 0,
 * so a 0 in either keeps nothing, as it does in Kafka. Limits too large for Pulsar to count in seconds or bytes
 * (more than 68 years, as {@code Long.MAX_VALUE} is often used to mean forever) are unlimited.
 */
public final class TopicRetention {

    static final long DEFAULT_RETENTION_MS = 604_800_000L;
    private static final long MS_PER_MINUTE = 60_000L;
    private static final long BYTES_PER_MB = 1L << 20;
    /** Pulsar compares retention in seconds as an int and in bytes as a long. */
    private static final long MAX_MINUTES = Integer.MAX_VALUE / 60;
    private static final long MAX_MEGABYTES = Long.MAX_VALUE / BYTES_PER_MB;

    private TopicRetention() {
    }

    /** The policy the settings ask for; empty when they set neither key, so the namespace's applies. */
    public static Optional<RetentionPolicies> of(Map<String, String> config) {
        String ms = config.get("retention.ms");
        String bytes = config.get("retention.bytes");
        if (ms == null && bytes == null) {
            return Optional.empty();
        }
        int minutes = minutes(ms == null ? DEFAULT_RETENTION_MS : Long.parseLong(ms));
        long megabytes = megabytes(bytes == null ? -1 : Long.parseLong(bytes));
        return Optional.of(minutes == 0 || megabytes == 0
                ? new RetentionPolicies(0, 0) : new RetentionPolicies(minutes, megabytes));
    }

    /** Whether the settings name a retention limit. */
    public static boolean isSet(Map<String, String> config) {
        return config.containsKey("retention.ms") || config.containsKey("retention.bytes");
    }

    static int minutes(long ms) {
        long minutes = ceilDiv(ms, MS_PER_MINUTE);
        return ms < 0 || minutes > MAX_MINUTES ? -1 : (int) minutes;
    }

    static long megabytes(long bytes) {
        long megabytes = ceilDiv(bytes, BYTES_PER_MB);
        return bytes < 0 || megabytes > MAX_MEGABYTES ? -1 : megabytes;
    }

    private static long ceilDiv(long value, long unit) {
        return value / unit + (value % unit == 0 ? 0 : 1);
    }
}
