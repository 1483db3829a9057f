package io.tributary.spi.topic;

import java.util.Map;
import java.util.UUID;

/**
 * What a protocol needs to know about a topic.
 *
 * @param name       the topic
 * @param partitions number of partitions (a non-partitioned Pulsar topic reports 1 and is served as
 *                   partition 0)
 * @param partitioned whether the Pulsar topic is partitioned
 * @param topicId    a stable id, the same on every broker and across restarts
 * @param config     topic-level settings (retention and the like), as protocol-neutral key/values
 */
public record TopicMetadata(TopicName name, int partitions, boolean partitioned, UUID topicId,
                            Map<String, String> config) {
}
