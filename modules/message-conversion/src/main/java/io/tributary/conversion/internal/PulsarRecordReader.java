package io.tributary.conversion.internal;

import io.netty.buffer.ByteBuf;
import io.tributary.spi.storage.CorruptBatchException;
import io.tributary.spi.storage.RecordVisitor;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.apache.pulsar.common.api.proto.MessageMetadata;
import org.apache.pulsar.common.api.proto.SingleMessageMetadata;
import org.apache.pulsar.common.compression.CompressionCodecProvider;

/**
 * Visits the messages of a Pulsar entry as records: batched or not, with any Pulsar compression. The
 * i-th message gets offset {@code baseOffset + i}. Marker messages and messages compacted out of a
 * batch are skipped; they keep their offsets, which leaves a gap as Kafka control records do.
 */
public final class PulsarRecordReader {

    private PulsarRecordReader() {
    }

    public static void read(MessageMetadata metadata, ByteBuf payload, long baseOffset, RecordVisitor visitor) {
        if (metadata.getEncryptionKeysCount() > 0) {
            throw new CorruptBatchException("encrypted Pulsar messages cannot be decoded by the broker");
        }
        if (metadata.hasMarkerType()) {
            return;
        }
        ByteBuf data = uncompress(metadata, payload);
        try {
            if (metadata.hasNumMessagesInBatch()) {
                readBatch(metadata, data, baseOffset, visitor);
            } else {
                readSingle(metadata, data, baseOffset, visitor);
            }
        } catch (IndexOutOfBoundsException | IllegalStateException e) {
            throw new CorruptBatchException("malformed Pulsar batch at offset " + baseOffset + ": " + e);
        } finally {
            data.release();
        }
    }

    private static void readBatch(MessageMetadata metadata, ByteBuf data, long baseOffset, RecordVisitor visitor) {
        SingleMessageMetadata single = new SingleMessageMetadata();
        int count = metadata.getNumMessagesInBatch();
        // One view over the whole payload, moved from value to value, when the payload is one memory
        // region; the visitor may only use a value during its call.
        ByteBuffer view = data.nioBufferCount() == 1 ? data.nioBuffer(data.readerIndex(), data.readableBytes()) : null;
        int viewShift = view == null ? 0 : view.position() - data.readerIndex();
        for (int i = 0; i < count; i++) {
            int size = (int) data.readUnsignedInt();
            single.parseFrom(data, size);
            int payloadSize = single.getPayloadSize();
            ByteBuffer value;
            if (single.hasNullValue() && single.isNullValue()) {
                value = null;
            } else if (view != null) {
                if (payloadSize < 0 || !data.isReadable(payloadSize)) {
                    throw new IndexOutOfBoundsException("payload of " + payloadSize + " bytes, "
                            + data.readableBytes() + " readable");
                }
                int start = data.readerIndex() + viewShift;
                value = view.clear().position(start).limit(start + payloadSize);
            } else {
                value = data.nioBuffer(data.readerIndex(), payloadSize);
            }
            data.skipBytes(payloadSize);
            if (single.hasCompactedOut() && single.isCompactedOut()) {
                continue;
            }
            long timestamp = single.hasEventTime() ? single.getEventTime() : metadata.getPublishTime();
            visitor.record(baseOffset + i, timestamp,
                    KeyCodec.read(single.hasPartitionKey(), single.hasPartitionKey() ? single.getPartitionKey() : null,
                            single.isPartitionKeyB64Encoded()),
                    value,
                    HeaderCodec.read(single.getPropertiesCount(), single::getPropertyAt));
        }
    }

    private static void readSingle(MessageMetadata metadata, ByteBuf data, long baseOffset, RecordVisitor visitor) {
        ByteBuffer value = metadata.hasNullValue() && metadata.isNullValue()
                ? null : data.nioBuffer(data.readerIndex(), data.readableBytes());
        long timestamp = metadata.hasEventTime() ? metadata.getEventTime() : metadata.getPublishTime();
        visitor.record(baseOffset, timestamp,
                KeyCodec.read(metadata.hasPartitionKey(), metadata.hasPartitionKey() ? metadata.getPartitionKey() : null,
                        metadata.isPartitionKeyB64Encoded()),
                value,
                HeaderCodec.read(metadata.getPropertiesCount(), metadata::getPropertyAt));
    }

    private static ByteBuf uncompress(MessageMetadata metadata, ByteBuf payload) {
        try {
            return CompressionCodecProvider.getCompressionCodec(metadata.getCompression())
                    .decode(payload, metadata.getUncompressedSize());
        } catch (IOException e) {
            throw new CorruptBatchException("cannot uncompress " + metadata.getCompression() + " entry: " + e);
        }
    }
}
