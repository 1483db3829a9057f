package io.tributary.conversion;

import com.scurrilous.circe.checksum.Crc32cIntChecksum;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.tributary.conversion.internal.BatchPayloadWriter;
import io.tributary.spi.storage.EntryFormat;
import io.tributary.spi.storage.ProducerInfo;
import io.tributary.spi.storage.RecordBatch;
import org.apache.pulsar.common.api.proto.MessageMetadata;
import org.apache.pulsar.common.protocol.Commands;

/**
 * Builds the Pulsar entry ({@code [checksum][metadata size][MessageMetadata][payload]}) for a batch.
 * Both formats are written as a Pulsar batch with {@code num_messages_in_batch} = record count, which
 * is what the broker's index interceptor counts.
 */
public final class EntryEncoder {

    private static final int PER_RECORD_OVERHEAD = 32;
    private static final int CHECKSUM_POSITION = 2;
    private static final int CHECKSUMMED_FROM = 6;
    private static final int METADATA_SIZE_LENGTH = 4;

    private EntryEncoder() {
    }

    /** A new buffer holding the entry; the caller owns it. {@code batch.raw()} is not consumed. */
    public static ByteBuf encode(RecordBatch batch, EntryFormat format, EntryStamp stamp) {
        return encode(batch, format, stamp, null);
    }

    /**
     * Like {@link #encode(RecordBatch, EntryFormat, EntryStamp)}, but a pass-through entry refers to
     * {@code rawCopy} (the batch's raw bytes, which nobody changes afterwards) instead of copying the raw
     * bytes again. {@code rawCopy} may be null, and is not consumed.
     */
    public static ByteBuf encode(RecordBatch batch, EntryFormat format, EntryStamp stamp, ByteBuf rawCopy) {
        MessageMetadata metadata = new MessageMetadata()
                .setProducerName(stamp.producerName())
                .setSequenceId(stamp.sequenceId())
                .setPublishTime(stamp.publishTimeMs());
        writeProducer(batch.producer(), metadata);
        ByteBuf payload;
        int count;
        if (format == EntryFormat.PASS_THROUGH) {
            metadata.addProperty().setKey(EntryProperties.FORMAT).setValue(batch.rawFormat());
            payload = rawCopy != null ? rawCopy.retainedDuplicate() : copy(batch.raw());
            count = batch.recordCount();
        } else {
            int estimate = batch.raw() == null ? 256 : batch.raw().readableBytes();
            payload = PooledByteBufAllocator.DEFAULT.buffer(estimate + PER_RECORD_OVERHEAD * batch.recordCount());
            BatchPayloadWriter writer = new BatchPayloadWriter(payload);
            batch.forEachRecord(writer);
            count = writer.count();
            if (count != batch.recordCount()) {
                payload.release();
                throw new IllegalArgumentException("batch declares " + batch.recordCount()
                        + " records but holds " + count);
            }
        }
        try {
            metadata.setNumMessagesInBatch(count).setUncompressedSize(payload.readableBytes());
            return frame(metadata, payload);
        } catch (RuntimeException e) {
            payload.release();
            throw e;
        }
    }

    private static ByteBuf copy(ByteBuf raw) {
        ByteBuf copy = PooledByteBufAllocator.DEFAULT.buffer(raw.readableBytes());
        copy.writeBytes(raw, raw.readerIndex(), raw.readableBytes());
        return copy;
    }

    /**
     * What {@code Commands.serializeMetadataAndPayload} writes, without copying the payload: a header
     * buffer ({@code [magic][crc32c][metadata size][metadata]}) and the payload as a composite. The CRC
     * covers the metadata size, the metadata and the payload. Takes ownership of {@code payload}.
     */
    private static ByteBuf frame(MessageMetadata metadata, ByteBuf payload) {
        int metadataSize = metadata.getSerializedSize();
        ByteBuf header = PooledByteBufAllocator.DEFAULT.buffer(CHECKSUMMED_FROM + METADATA_SIZE_LENGTH + metadataSize);
        try {
            header.writeShort(Commands.magicCrc32c);
            header.writeInt(0);
            header.writeInt(metadataSize);
            metadata.writeTo(header);
            int checksum = Crc32cIntChecksum.computeChecksum(
                    header.slice(CHECKSUMMED_FROM, header.writerIndex() - CHECKSUMMED_FROM));
            header.setInt(CHECKSUM_POSITION, Crc32cIntChecksum.resumeChecksum(checksum, payload));
        } catch (RuntimeException e) {
            header.release();
            throw e;
        }
        return PooledByteBufAllocator.DEFAULT.compositeDirectBuffer(2).addComponents(true, header, payload);
    }

    private static void writeProducer(ProducerInfo producer, MessageMetadata metadata) {
        if (producer == null || !producer.idempotent()) {
            return;
        }
        metadata.addProperty().setKey(EntryProperties.PRODUCER_ID).setValue(Long.toString(producer.producerId()));
        metadata.addProperty().setKey(EntryProperties.PRODUCER_EPOCH).setValue(Short.toString(producer.epoch()));
        metadata.addProperty().setKey(EntryProperties.BASE_SEQUENCE)
                .setValue(Integer.toString(producer.baseSequence()));
    }
}
