package io.tributary.coordinator.state;

/**
 * Limits of the group protocol, Kafka's defaults unless configured.
 *
 * @param initialRebalanceDelayMs how long the first rebalance of an empty group waits for more members
 * @param offsetsRetentionMs      how long offsets of an empty group (or of a standalone commit) are kept
 */
public record GroupSettings(long initialRebalanceDelayMs, long offsetsRetentionMs, int minSessionTimeoutMs,
                            int maxSessionTimeoutMs, int maxOffsetMetadataBytes) {

    public static final int MIN_SESSION_TIMEOUT_MS = 6000;
    public static final int MAX_SESSION_TIMEOUT_MS = 1_800_000;
    public static final int MAX_METADATA_BYTES = 4096;

    public GroupSettings(long initialRebalanceDelayMs, long offsetsRetentionMs) {
        this(initialRebalanceDelayMs, offsetsRetentionMs, MIN_SESSION_TIMEOUT_MS, MAX_SESSION_TIMEOUT_MS,
                MAX_METADATA_BYTES);
    }
}
