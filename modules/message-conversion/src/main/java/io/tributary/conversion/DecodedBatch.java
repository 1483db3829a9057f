package io.tributary.conversion;

import io.netty.buffer.ByteBuf;
import io.tributary.conversion.internal.PulsarRecordReader;
import io.tributary.spi.storage.EntryFormat;
import io.tributary.spi.storage.RecordVisitor;
import io.tributary.spi.storage.StoredBatch;
import org.apache.pulsar.common.api.proto.MessageMetadata;

/**
 * One entry read back from a topic. It holds a reference to the entry's buffer: {@link #release()} it.
 * Records of a pass-through entry are only readable by the protocol that wrote them, through
 * {@link #raw()}.
 */
public final class DecodedBatch implements StoredBatch {

    private final ByteBuf message;
    private final MessageMetadata metadata;
    private final ByteBuf payload;
    private final EntryInfo info;

    DecodedBatch(ByteBuf message, MessageMetadata metadata, ByteBuf payload, EntryInfo info) {
        this.message = message;
        this.metadata = metadata;
        this.payload = payload;
        this.info = info;
    }

    public EntryInfo info() {
        return info;
    }

    /** Bytes of the stored entry, without the broker's entry metadata. */
    public int sizeInBytes() {
        return message.readableBytes();
    }

    @Override
    public long baseOffset() {
        return info.baseOffset();
    }

    @Override
    public int recordCount() {
        return info.recordCount();
    }

    @Override
    public EntryFormat format() {
        return info.format();
    }

    /** The raw protocol bytes of a pass-through entry; the whole Pulsar message otherwise. */
    @Override
    public ByteBuf raw() {
        return info.format() == EntryFormat.PASS_THROUGH ? payload.duplicate() : message.duplicate();
    }

    /** The raw format name of a pass-through entry; {@code pulsar} otherwise. */
    @Override
    public String rawFormat() {
        return info.format() == EntryFormat.PASS_THROUGH ? info.rawFormat() : "pulsar";
    }

    @Override
    public void forEachRecord(RecordVisitor visitor) {
        if (info.format() == EntryFormat.PASS_THROUGH) {
            throw new UnsupportedOperationException("records in raw format " + info.rawFormat()
                    + " are read by that protocol through raw()");
        }
        PulsarRecordReader.read(metadata, payload.duplicate(), info.baseOffset(), visitor);
    }

    public void release() {
        message.release();
    }
}
