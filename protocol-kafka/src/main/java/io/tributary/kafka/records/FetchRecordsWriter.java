package io.tributary.kafka.records;

import io.netty.buffer.ByteBuf;
import io.tributary.spi.storage.EntryFormat;
import io.tributary.spi.storage.StoredBatch;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.record.internal.DefaultRecordBatch;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.MemoryRecordsBuilder;
import org.apache.kafka.common.record.internal.MutableRecordBatch;
import org.apache.kafka.common.record.internal.RecordBatch;

/**
 * Turns stored batches into the Kafka v2 batches of a fetch response. Batches stored as Kafka bytes
 * are copied with their base offset rewritten (the CRC does not cover it); every other batch is
 * rebuilt, uncompressed, from its records.
 */
public final class FetchRecordsWriter {

    private static final int BASE_OFFSET_POSITION = 0;
    private static final int MAGIC_POSITION = 16;
    private static final org.apache.kafka.common.header.Header[] NO_HEADERS = new org.apache.kafka.common.header.Header[0];

    private FetchRecordsWriter() {
    }

    /** Whole batches, in order, while they fit in {@code maxBytes}; always the first one. */
    public static MemoryRecords write(List<StoredBatch> batches, int maxBytes) {
        List<ByteBuffer> written = new ArrayList<>(batches.size());
        int total = 0;
        for (StoredBatch batch : batches) {
            ByteBuffer bytes = write(batch);
            if (!written.isEmpty() && total + bytes.remaining() > maxBytes) {
                break;
            }
            written.add(bytes);
            total += bytes.remaining();
        }
        if (written.size() == 1) {
            return MemoryRecords.readableRecords(written.get(0));
        }
        ByteBuffer joined = ByteBuffer.allocate(total);
        written.forEach(joined::put);
        return MemoryRecords.readableRecords(joined.flip());
    }

    /**
     * The leading whole batches of {@code records} that fit in {@code maxBytes}; with {@code atLeastOne},
     * the first batch even when it alone is larger.
     */
    public static MemoryRecords truncate(MemoryRecords records, int maxBytes, boolean atLeastOne) {
        if (records.sizeInBytes() <= maxBytes) {
            return records;
        }
        int size = 0;
        for (MutableRecordBatch batch : records.batches()) {
            if (size + batch.sizeInBytes() > maxBytes && (size > 0 || !atLeastOne)) {
                break;
            }
            size += batch.sizeInBytes();
        }
        return size == 0 ? MemoryRecords.EMPTY : records.slice(0, size);
    }

    /** One stored batch as one Kafka v2 batch. */
    public static ByteBuffer write(StoredBatch batch) {
        if (isKafkaBytes(batch)) {
            ByteBuf raw = batch.raw();
            ByteBuffer copy = ByteBuffer.allocate(raw.readableBytes());
            raw.getBytes(raw.readerIndex(), copy);
            copy.flip();
            copy.putLong(BASE_OFFSET_POSITION, batch.baseOffset());
            return copy;
        }
        return CodecClassLoader.call(() -> rebuild(batch));
    }

    private static boolean isKafkaBytes(StoredBatch batch) {
        if (batch.format() != EntryFormat.PASS_THROUGH || !KafkaRecordBatch.RAW_FORMAT.equals(batch.rawFormat())) {
            return false;
        }
        ByteBuf raw = batch.raw();
        return raw != null && raw.readableBytes() >= DefaultRecordBatch.RECORD_BATCH_OVERHEAD
                && raw.getByte(raw.readerIndex() + MAGIC_POSITION) == RecordBatch.MAGIC_VALUE_V2;
    }

    private static ByteBuffer rebuild(StoredBatch batch) {
        MemoryRecordsBuilder builder = MemoryRecords.builder(ByteBuffer.allocate(estimateSize(batch)),
                RecordBatch.MAGIC_VALUE_V2, Compression.NONE, TimestampType.CREATE_TIME, batch.baseOffset());
        batch.forEachRecord((offset, timestampMs, key, value, headers) -> builder.appendWithOffset(offset, timestampMs,
                key, value, headers.isEmpty() ? NO_HEADERS : headers.stream()
                        .map(h -> new RecordHeader(h.key(), h.value()))
                        .toArray(org.apache.kafka.common.header.Header[]::new)));
        return builder.build().buffer();
    }

    private static int estimateSize(StoredBatch batch) {
        ByteBuf raw = batch.raw();
        int payload = raw != null ? raw.readableBytes() : 64 * batch.recordCount();
        return DefaultRecordBatch.RECORD_BATCH_OVERHEAD + Math.max(64, payload);
    }
}
