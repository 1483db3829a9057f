package io.tributary.kafka.network;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.tributary.kafka.records.FetchRecords;
import java.nio.ByteBuffer;
import org.apache.kafka.common.protocol.Writable;
import org.apache.kafka.common.record.internal.BaseRecords;

/**
 * Lets Kafka's generated message classes write straight into a Netty buffer. Fetched records are not
 * copied: the frame becomes a composite of the written parts and the records' own buffers.
 */
final class ByteBufWritable implements Writable {

    private final ByteBuf buf;
    private CompositeByteBuf frame;
    private int partStart;

    ByteBufWritable(ByteBuf buf) {
        this.buf = buf;
    }

    /** Everything written, as one buffer that owns what it refers to; the given buffer is handed over. */
    ByteBuf frame() {
        if (frame == null) {
            return buf;
        }
        addWrittenPart();
        buf.release();
        return frame;
    }

    /** Releases everything written, when the frame will not be sent. */
    void release() {
        buf.release();
        if (frame != null) {
            frame.release();
        }
    }

    @Override
    public void writeRecords(BaseRecords records) {
        if (!(records instanceof FetchRecords fetched)) {
            Writable.super.writeRecords(records);
            return;
        }
        if (fetched.sizeInBytes() == 0) {
            return;
        }
        if (frame == null) {
            frame = buf.alloc().compositeDirectBuffer(Integer.MAX_VALUE);
        }
        addWrittenPart();
        frame.addComponent(true, fetched.retainedBuffer());
    }

    private void addWrittenPart() {
        int length = buf.writerIndex() - partStart;
        if (length > 0) {
            frame.addComponent(true, buf.retainedSlice(partStart, length));
            partStart = buf.writerIndex();
        }
    }

    @Override
    public void writeByte(byte val) {
        buf.writeByte(val);
    }

    @Override
    public void writeShort(short val) {
        buf.writeShort(val);
    }

    @Override
    public void writeInt(int val) {
        buf.writeInt(val);
    }

    @Override
    public void writeLong(long val) {
        buf.writeLong(val);
    }

    @Override
    public void writeDouble(double val) {
        buf.writeDouble(val);
    }

    @Override
    public void writeByteArray(byte[] arr) {
        buf.writeBytes(arr);
    }

    @Override
    public void writeUnsignedVarint(int i) {
        int value = i;
        while ((value & 0xffffff80) != 0) {
            buf.writeByte((value & 0x7f) | 0x80);
            value >>>= 7;
        }
        buf.writeByte(value);
    }

    @Override
    public void writeByteBuffer(ByteBuffer src) {
        buf.writeBytes(src.duplicate());
    }

    @Override
    public void writeVarint(int i) {
        writeUnsignedVarint((i << 1) ^ (i >> 31));
    }

    @Override
    public void writeVarlong(long i) {
        long value = (i << 1) ^ (i >> 63);
        while ((value & 0xffffffffffffff80L) != 0L) {
            buf.writeByte(((int) value & 0x7f) | 0x80);
            value >>>= 7;
        }
        buf.writeByte((int) value);
    }
}
