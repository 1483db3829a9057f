package io.tributary.kafka.records;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.tributary.spi.storage.Header;
import io.tributary.spi.storage.RecordVisitor;
import io.tributary.spi.storage.StoredBatch;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.record.internal.CompressionType;
import org.apache.kafka.common.record.internal.DefaultRecordBatch;
import org.apache.kafka.common.record.internal.RecordBatch;
import org.apache.kafka.common.utils.ByteUtils;
import org.apache.kafka.common.utils.Utils;

/**
 * Turns stored batches into the Kafka v2 batches of a fetch response. Batches read back as Kafka bytes
 * (stored as such, or still held as appended) are copied with their base offset rewritten (the CRC does
 * not cover it); every other batch is rebuilt, uncompressed, from its records.
 */
public final class FetchRecordsWriter {

    private static final int BASE_OFFSET_POSITION = 0;
    private static final int MAGIC_POSITION = 16;

    private FetchRecordsWriter() {
    }

    /**
     * Whole batches, in order, while they fit in {@code maxBytes}; always the first one. They are written
     * one after the other into a single buffer from {@code alloc}.
     */
    public static FetchRecords write(List<StoredBatch> batches, int maxBytes, ByteBufAllocator alloc) {
        long estimate = 0;
        for (StoredBatch batch : batches) {
            estimate += estimateSize(batch);
        }
        long bound = Math.max(maxBytes, 0) + (long) DefaultRecordBatch.RECORD_BATCH_OVERHEAD;
        Output out = new Output(alloc, (int) Math.min(estimate, bound));
        try {
            int appended = 0;
            for (StoredBatch batch : batches) {
                int start = out.buffer.position();
                append(batch, out);
                if (appended > 0 && out.buffer.position() > maxBytes) {
                    out.buffer.position(start);
                    break;
                }
                appended++;
            }
            return new FetchRecords(out.finish());
        } catch (RuntimeException e) {
            out.release();
            throw e;
        }
    }

    private static void append(StoredBatch batch, Output out) {
        if (isKafkaBytes(batch)) {
            ByteBuf raw = batch.raw();
            int size = raw.readableBytes();
            out.ensureRemaining(size);
            ByteBuffer buffer = out.buffer;
            int start = buffer.position();
            buffer.limit(start + size);
            raw.getBytes(raw.readerIndex(), buffer);
            buffer.limit(buffer.capacity());
            buffer.putLong(start + BASE_OFFSET_POSITION, batch.baseOffset());
            return;
        }
        CodecClassLoader.run(() -> rebuild(batch, out));
    }

    private static boolean isKafkaBytes(StoredBatch batch) {
        if (!KafkaRecordBatch.RAW_FORMAT.equals(batch.rawFormat())) {
            return false;
        }
        ByteBuf raw = batch.raw();
        return raw != null && raw.readableBytes() >= DefaultRecordBatch.RECORD_BATCH_OVERHEAD
                && raw.getByte(raw.readerIndex() + MAGIC_POSITION) == RecordBatch.MAGIC_VALUE_V2;
    }

    private static void rebuild(StoredBatch batch, Output out) {
        BatchBuilder builder = new BatchBuilder(batch.baseOffset(), out);
        batch.forEachRecord(builder);
        builder.finish();
    }

    /**
     * A buffer from an allocator, written from index 0 through an NIO view of its whole capacity, and
     * replaced by a larger one when a write needs more room.
     */
    static final class Output {

        private final ByteBufAllocator alloc;
        private ByteBuf memory;
        private ByteBuffer buffer;

        Output(ByteBufAllocator alloc, int initialCapacity) {
            this.alloc = alloc;
            memory = alloc.buffer(Math.max(initialCapacity, DefaultRecordBatch.RECORD_BATCH_OVERHEAD));
            buffer = memory.nioBuffer(0, memory.capacity());
        }

        void ensureRemaining(int needed) {
            if (buffer.remaining() >= needed) {
                return;
            }
            int position = buffer.position();
            ByteBuf larger = alloc.buffer(Math.max(memory.capacity() * 2, position + needed));
            larger.setBytes(0, memory, 0, position);
            memory.release();
            memory = larger;
            buffer = memory.nioBuffer(0, memory.capacity());
            buffer.position(position);
        }

        /** What was written, from index 0. */
        ByteBuf finish() {
            return memory.writerIndex(buffer.position());
        }

        void release() {
            memory.release();
        }
    }

    /**
     * Appends an uncompressed Kafka v2 batch to an {@link Output}, with the bytes that
     * {@code MemoryRecordsBuilder} writes for {@code Compression.NONE}, {@code CREATE_TIME} and no producer
     * state. Keys and values are copied in bulk, whether their buffers are on the heap or not (kafka-clients
     * copies buffers that are not array-backed one byte at a time).
     */
    static final class BatchBuilder implements RecordVisitor {

        private final long baseOffset;
        private final Output out;
        private final int start;
        private int count;
        private long lastOffset;
        private long baseTimestamp = RecordBatch.NO_TIMESTAMP;
        private long maxTimestamp = RecordBatch.NO_TIMESTAMP;

        BatchBuilder(long baseOffset, Output out) {
            this.baseOffset = baseOffset;
            this.out = out;
            out.ensureRemaining(DefaultRecordBatch.RECORD_BATCH_OVERHEAD);
            this.start = out.buffer.position();
            out.buffer.position(start + DefaultRecordBatch.RECORD_BATCH_OVERHEAD);
        }

        @Override
        public void record(long offset, long timestampMs, ByteBuffer key, ByteBuffer value, List<Header> headers) {
            if (count > 0 && offset <= lastOffset) {
                throw new IllegalArgumentException("Illegal offset " + offset + " following previous offset "
                        + lastOffset + " (Offsets must increase monotonically).");
            }
            if (timestampMs < 0 && timestampMs != RecordBatch.NO_TIMESTAMP) {
                throw new IllegalArgumentException("Invalid negative timestamp " + timestampMs);
            }
            if (offset - baseOffset > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("Maximum offset delta exceeded, base offset: " + baseOffset
                        + ", last offset: " + offset);
            }
            if (count == 0) {
                baseTimestamp = timestampMs;
            }
            int offsetDelta = (int) (offset - baseOffset);
            long timestampDelta = timestampMs - baseTimestamp;
            int keySize = key == null ? -1 : key.remaining();
            int valueSize = value == null ? -1 : value.remaining();

            int bodySize = 1 + ByteUtils.sizeOfVarlong(timestampDelta) + ByteUtils.sizeOfVarint(offsetDelta)
                    + ByteUtils.sizeOfVarint(keySize) + Math.max(keySize, 0)
                    + ByteUtils.sizeOfVarint(valueSize) + Math.max(valueSize, 0)
                    + ByteUtils.sizeOfVarint(headers.size());
            for (Header header : headers) {
                if (header.key() == null) {
                    throw new IllegalArgumentException("Invalid null header key found in headers");
                }
                int headerKeySize = Utils.utf8Length(header.key());
                byte[] headerValue = header.value();
                bodySize += ByteUtils.sizeOfVarint(headerKeySize) + headerKeySize;
                bodySize += headerValue == null ? ByteUtils.sizeOfVarint(-1)
                        : ByteUtils.sizeOfVarint(headerValue.length) + headerValue.length;
            }
            out.ensureRemaining(ByteUtils.sizeOfVarint(bodySize) + bodySize);

            ByteBuffer buffer = out.buffer;
            ByteUtils.writeVarint(bodySize, buffer);
            buffer.put((byte) 0);
            ByteUtils.writeVarlong(timestampDelta, buffer);
            ByteUtils.writeVarint(offsetDelta, buffer);
            ByteUtils.writeVarint(keySize, buffer);
            if (key != null) {
                copy(key, keySize);
            }
            ByteUtils.writeVarint(valueSize, buffer);
            if (value != null) {
                copy(value, valueSize);
            }
            ByteUtils.writeVarint(headers.size(), buffer);
            for (Header header : headers) {
                byte[] headerKey = header.key().getBytes(StandardCharsets.UTF_8);
                ByteUtils.writeVarint(headerKey.length, buffer);
                buffer.put(headerKey);
                byte[] headerValue = header.value();
                if (headerValue == null) {
                    ByteUtils.writeVarint(-1, buffer);
                } else {
                    ByteUtils.writeVarint(headerValue.length, buffer);
                    buffer.put(headerValue);
                }
            }

            count++;
            lastOffset = offset;
            if (timestampMs > maxTimestamp) {
                maxTimestamp = timestampMs;
            }
        }

        /** Writes the batch header, or nothing at all when no record was visited. */
        void finish() {
            ByteBuffer buffer = out.buffer;
            if (count == 0) {
                buffer.position(start);
                return;
            }
            int end = buffer.position();
            buffer.position(start);
            DefaultRecordBatch.writeHeader(buffer, baseOffset, (int) (lastOffset - baseOffset), end - start,
                    RecordBatch.MAGIC_VALUE_V2, CompressionType.NONE, TimestampType.CREATE_TIME, baseTimestamp,
                    maxTimestamp, RecordBatch.NO_PRODUCER_ID, RecordBatch.NO_PRODUCER_EPOCH, RecordBatch.NO_SEQUENCE,
                    false, false, false, RecordBatch.NO_PARTITION_LEADER_EPOCH, count);
            buffer.position(end);
        }

        /** Copies {@code size} bytes from {@code source}'s position without moving it. */
        private void copy(ByteBuffer source, int size) {
            ByteBuffer buffer = out.buffer;
            int position = buffer.position();
            buffer.put(position, source, source.position(), size);
            buffer.position(position + size);
        }
    }

    private static int estimateSize(StoredBatch batch) {
        ByteBuf raw = batch.raw();
        if (isKafkaBytes(batch)) {
            return raw.readableBytes();
        }
        int payload = raw != null ? raw.readableBytes() + 16 * batch.recordCount() : 64 * batch.recordCount();
        return DefaultRecordBatch.RECORD_BATCH_OVERHEAD + Math.max(64, payload);
    }
}
