package io.tributary.spi.storage;

import io.netty.buffer.ByteBuf;

/** A batch of records to append, as a protocol received it. */
public interface RecordBatch {

    int recordCount();

    ProducerInfo producer();

    /** Visits the records in order; the offsets passed are 0-based indexes within the batch. */
    void forEachRecord(RecordVisitor visitor);

    /** The batch in the protocol's own wire format, stored as is by {@link EntryFormat#PASS_THROUGH}. */
    ByteBuf raw();

    /** Names the wire format of {@link #raw()}, e.g. {@code kafka-v2}. */
    String rawFormat();

    /**
     * {@link #raw()} as a reference that stays valid after the append has completed, for a log that keeps
     * the bytes; the caller releases it. Null when the bytes cannot be shared, and the log copies them.
     */
    default ByteBuf retainedRaw() {
        return null;
    }
}
