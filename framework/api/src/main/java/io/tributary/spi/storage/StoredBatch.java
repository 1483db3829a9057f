package io.tributary.spi.storage;

import io.netty.buffer.ByteBuf;

/** One stored batch (one Pulsar entry) as read back from a {@link PartitionLog}. */
public interface StoredBatch {

    long baseOffset();

    int recordCount();

    EntryFormat format();

    /** For {@link EntryFormat#PASS_THROUGH}: the bytes as appended, and {@link #rawFormat()} names them. */
    ByteBuf raw();

    String rawFormat();

    /**
     * Visits the records with their log offsets. For {@link EntryFormat#PASS_THROUGH} batches only the
     * protocol that wrote them can decode {@link #raw()}; they throw {@link UnsupportedOperationException}.
     */
    void forEachRecord(RecordVisitor visitor);
}
