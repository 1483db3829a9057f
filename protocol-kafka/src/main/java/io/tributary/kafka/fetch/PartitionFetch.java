package io.tributary.kafka.fetch;

/** What to read from one partition. */
record PartitionFetch(FetchKey key, long fetchOffset, int maxBytes) {
}
