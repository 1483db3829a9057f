package io.tributary.conversion.internal;

import io.netty.buffer.ByteBuf;
import io.tributary.spi.storage.Header;
import io.tributary.spi.storage.RecordVisitor;
import java.nio.ByteBuffer;
import java.util.List;
import org.apache.pulsar.common.api.proto.SingleMessageMetadata;

/**
 * Writes records as the payload of a Pulsar batch: per record {@code [int size][SingleMessageMetadata]
 * [payload]}. One {@link SingleMessageMetadata} is reused for every record.
 */
public final class BatchPayloadWriter implements RecordVisitor {

    private final SingleMessageMetadata single = new SingleMessageMetadata();
    private final ByteBuf out;
    private int count;

    public BatchPayloadWriter(ByteBuf out) {
        this.out = out;
    }

    @Override
    public void record(long offset, long timestampMs, ByteBuffer key, ByteBuffer value, List<Header> headers) {
        single.clear();
        KeyCodec.write(key, single);
        HeaderCodec.write(headers, single);
        if (timestampMs >= 0) {
            single.setEventTime(timestampMs);
        }
        if (value == null) {
            single.setNullValue(true);
        }
        single.setPayloadSize(value == null ? 0 : value.remaining());
        out.writeInt(single.getSerializedSize());
        single.writeTo(out);
        if (value != null) {
            out.writeBytes(value.duplicate());
        }
        count++;
    }

    public int count() {
        return count;
    }
}
