package io.tributary.spi.storage;

/** How a batch is laid out in its Pulsar entry. */
public enum EntryFormat {
    /**
     * A Pulsar-native batched message: every record is a Pulsar message with key, value, event time
     * and properties, readable by Pulsar clients.
     */
    PULSAR,
    /**
     * The protocol's own bytes ({@link RecordBatch#raw()}) kept as they are: the fastest path, but
     * only clients of that protocol can read them.
     */
    PASS_THROUGH
}
