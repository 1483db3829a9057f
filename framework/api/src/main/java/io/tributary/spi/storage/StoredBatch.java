package io.tributary.spi.storage;

import io.netty.buffer.ByteBuf;

/** One stored batch (one Pulsar entry) as read back from a {@link PartitionLog}. */
public interface StoredBatch {

    long baseOffset();

    int recordCount();

    EntryFormat format();

    /**
     * The batch's bytes, named by {@link #rawFormat()}: a protocol's bytes as appended (always for
     * {@link EntryFormat#PASS_THROUGH}, and for recently appended batches when the reader asked for
     * that format), otherwise the Pulsar message ({@code pulsar}).
     */
    ByteBuf raw();

    String rawFormat();

    /**
     * Visits the records with their log offsets. Batches whose {@link #raw()} holds a protocol's bytes
     * can only be decoded by that protocol; they throw {@link UnsupportedOperationException}.
     */
    void forEachRecord(RecordVisitor visitor);
}
