package io.tributary.kafka.fetch;

import org.apache.kafka.common.Uuid;

/**
 * A partition as a fetch request names it: by topic name before version 13, by topic id from then on
 * (the other field is empty).
 */
record FetchKey(String topicName, Uuid topicId, int partition) {

    /** The topic part, to group partitions of one topic in a response. */
    FetchKey topic() {
        return new FetchKey(topicName, topicId, -1);
    }
}
