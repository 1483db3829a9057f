package io.tributary.kafka.fetch;

import java.util.Objects;
import org.apache.kafka.common.Uuid;

/**
 * A partition as a fetch request names it: by topic name before version 13, by topic id from then on
 * (the other field is null).
 *
 * <p>Not a record: on Java 17 the bootstrap of a record's equals and hashCode caches a method handle
 * typed with its component types (here the bundle's {@link Uuid}) in a JDK class, which would keep the
 * bundle's class loader reachable after an uninstall.
 */
final class FetchKey {

    private final String topicName;
    private final Uuid topicId;
    private final int partition;

    FetchKey(String topicName, Uuid topicId, int partition) {
        this.topicName = topicName;
        this.topicId = topicId;
        this.partition = partition;
    }

    String topicName() {
        return topicName;
    }

    Uuid topicId() {
        return topicId;
    }

    int partition() {
        return partition;
    }

    /** The topic part, to group partitions of one topic in a response. */
    FetchKey topic() {
        return new FetchKey(topicName, topicId, -1);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof FetchKey key && partition == key.partition
                && Objects.equals(topicName, key.topicName) && Objects.equals(topicId, key.topicId);
    }

    @Override
    public int hashCode() {
        return Objects.hash(topicName, topicId, partition);
    }

    @Override
    public String toString() {
        return (topicName != null ? topicName : String.valueOf(topicId)) + "-" + partition;
    }
}
