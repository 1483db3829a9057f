package io.tributary.spi.coordination;

import io.tributary.spi.topic.TopicName;
import java.util.Objects;

/** One partition of a topic, the unit offsets are committed for. */
public record PartitionId(TopicName topic, int partition) {
    public PartitionId {
        Objects.requireNonNull(topic, "topic");
    }
}
