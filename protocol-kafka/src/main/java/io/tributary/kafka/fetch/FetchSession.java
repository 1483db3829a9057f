package io.tributary.kafka.fetch;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.protocol.Errors;

/**
 * An incremental fetch session (KIP-227): the partitions a client fetches with their last requested
 * offsets and the last state the client was told, so that later requests carry only changes and
 * responses only partitions with news. Guarded by its own lock.
 */
final class FetchSession {

    /** A partition of the session: what the client asked last and what it was told last. */
    private static final class Cached {
        long fetchOffset;
        int maxBytes;
        long highWatermark = -1L;
        long logStartOffset = -1L;

        Cached(long fetchOffset, int maxBytes) {
            this.fetchOffset = fetchOffset;
            this.maxBytes = maxBytes;
        }
    }

    private final int id;
    private final Map<FetchKey, Cached> partitions = new LinkedHashMap<>();
    private int nextEpoch = 1;

    FetchSession(int id, Collection<PartitionFetch> fetches) {
        this.id = id;
        fetches.forEach(fetch -> partitions.put(fetch.key(), new Cached(fetch.fetchOffset(), fetch.maxBytes())));
    }

    int id() {
        return id;
    }

    synchronized int nextEpoch() {
        return nextEpoch;
    }

    /**
     * Applies an incremental request of the expected epoch: adds or updates the partitions it names,
     * drops the forgotten ones, and returns everything the session now fetches.
     */
    synchronized List<PartitionFetch> update(Collection<PartitionFetch> changed, Collection<FetchKey> forgotten) {
        nextEpoch = nextEpoch == Integer.MAX_VALUE ? 1 : nextEpoch + 1;
        forgotten.forEach(partitions::remove);
        for (PartitionFetch fetch : changed) {
            Cached cached = partitions.get(fetch.key());
            if (cached == null) {
                partitions.put(fetch.key(), new Cached(fetch.fetchOffset(), fetch.maxBytes()));
            } else {
                cached.fetchOffset = fetch.fetchOffset();
                cached.maxBytes = fetch.maxBytes();
            }
        }
        List<PartitionFetch> all = new ArrayList<>(partitions.size());
        partitions.forEach((key, cached) -> all.add(new PartitionFetch(key, cached.fetchOffset, cached.maxBytes)));
        return all;
    }

    /**
     * Records what the client is told; with {@code incremental}, returns only the partitions it has news
     * for (records, an error, a new high watermark or log start), otherwise all of them.
     */
    synchronized List<PartitionRead> answer(List<PartitionRead> reads, boolean incremental) {
        List<PartitionRead> news = new ArrayList<>(reads.size());
        for (PartitionRead read : reads) {
            Cached cached = partitions.get(read.key());
            boolean changed = cached == null || read.bytes() > 0 || read.error() != Errors.NONE
                    || cached.highWatermark != read.highWatermark() || cached.logStartOffset != read.logStartOffset();
            if (cached != null) {
                cached.highWatermark = read.highWatermark();
                cached.logStartOffset = read.logStartOffset();
            }
            if (changed || !incremental) {
                news.add(read);
            }
        }
        return news;
    }
}
