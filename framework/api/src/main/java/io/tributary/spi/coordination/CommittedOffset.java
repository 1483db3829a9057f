package io.tributary.spi.coordination;

/**
 * A committed position in a partition.
 *
 * @param offset          the next record the group will read
 * @param leaderEpoch     the epoch of the record before {@code offset} as the client saw it, or -1
 * @param metadata        free text the client stored with the offset (may be empty, never null)
 * @param commitTimestamp broker time of the commit, in milliseconds
 */
public record CommittedOffset(long offset, int leaderEpoch, String metadata, long commitTimestamp) {
    public CommittedOffset {
        metadata = metadata == null ? "" : metadata;
    }
}
