package io.tributary.storage.internal;

import io.netty.buffer.ByteBuf;
import io.tributary.spi.storage.EntryFormat;
import io.tributary.spi.storage.RecordVisitor;
import io.tributary.spi.storage.StoredBatch;

/** A batch appended recently, held in memory in the protocol bytes it arrived in. Release it once. */
final class RecentBatch implements StoredBatch {

    private final long baseOffset;
    private final int recordCount;
    private final EntryFormat format;
    private final String rawFormat;
    private final ByteBuf bytes;

    RecentBatch(long baseOffset, int recordCount, EntryFormat format, String rawFormat, ByteBuf bytes) {
        this.baseOffset = baseOffset;
        this.recordCount = recordCount;
        this.format = format;
        this.rawFormat = rawFormat;
        this.bytes = bytes;
    }

    @Override
    public long baseOffset() {
        return baseOffset;
    }

    long lastOffset() {
        return baseOffset + recordCount - 1;
    }

    int sizeInBytes() {
        return bytes.readableBytes();
    }

    @Override
    public int recordCount() {
        return recordCount;
    }

    @Override
    public EntryFormat format() {
        return format;
    }

    @Override
    public ByteBuf raw() {
        return bytes.duplicate();
    }

    @Override
    public String rawFormat() {
        return rawFormat;
    }

    @Override
    public void forEachRecord(RecordVisitor visitor) {
        throw new UnsupportedOperationException("records in raw format " + rawFormat
                + " are read by that protocol through raw()");
    }

    /** Another reference to the same bytes, released on its own. */
    RecentBatch retained() {
        return new RecentBatch(baseOffset, recordCount, format, rawFormat, bytes.retainedDuplicate());
    }

    void release() {
        bytes.release();
    }
}
