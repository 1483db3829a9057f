package io.tributary.kafka.records;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertTrue;

import io.tributary.kafka.KafkaFixture;
import io.tributary.spi.storage.EntryFormat;
import io.tributary.spi.storage.Header;
import io.tributary.spi.storage.StoredBatch;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.record.internal.CompressionType;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.MutableRecordBatch;
import org.apache.kafka.common.record.internal.Record;
import org.testng.annotations.Test;

public class KafkaRecordBatchTest {

    private static final ProducedBatchValidator VALIDATOR = new ProducedBatchValidator(1 << 20);

    private static List<String> visit(io.tributary.spi.storage.RecordBatch batch) {
        List<String> seen = new ArrayList<>();
        batch.forEachRecord((offset, ts, key, value, headers) -> seen.add(offset + "@" + ts + ":"
                + StandardCharsets.UTF_8.decode(key) + "=" + StandardCharsets.UTF_8.decode(value)));
        return seen;
    }

    @Test
    public void visitsRecordsOfEveryCodec() {
        for (CompressionType type : CompressionType.values()) {
            KafkaRecordBatch batch = VALIDATOR.validate(KafkaFixture.records(Compression.of(type).build(), 5L,
                    (short) 2, 10, "a", "b"), (short) 9);
            assertEquals(visit(batch), List.of("0@1000:k0=a", "1@1001:k1=b"), type.name);
            assertEquals(batch.recordCount(), 2);
            assertEquals(batch.producer().producerId(), 5L);
            assertEquals(batch.producer().epoch(), 2);
            assertEquals(batch.producer().baseSequence(), 10);
            assertEquals(batch.rawFormat(), "kafka-v2");
        }
    }

    @Test
    public void rawIsTheBatchAsSent() {
        MemoryRecords records = KafkaFixture.records("a");
        KafkaRecordBatch batch = VALIDATOR.validate(records, (short) 9);
        assertEquals(batch.raw().readableBytes(), records.sizeInBytes());
        assertTrue(!batch.producer().idempotent());
    }

    /** A stored batch rebuilt from records, or kept as Kafka bytes, reads back with the log's offsets. */
    @Test
    public void storedBatchesBecomeKafkaBatchesAtTheirOffsets() {
        KafkaRecordBatch produced = VALIDATOR.validate(KafkaFixture.records(Compression.zstd().build(), -1L, (short) -1,
                -1, "x", "y"), (short) 9);
        for (EntryFormat format : EntryFormat.values()) {
            StoredBatch stored = stored(produced, format, 40L);
            MemoryRecords records = FetchRecordsWriterTest.written(List.of(stored), 1 << 20);
            MutableRecordBatch batch = records.batches().iterator().next();
            batch.ensureValid();
            assertEquals(batch.baseOffset(), 40L, format.name());
            List<Long> offsets = new ArrayList<>();
            for (Record record : batch) {
                offsets.add(record.offset());
            }
            assertEquals(offsets, List.of(40L, 41L), format.name());
        }
    }

    private static StoredBatch stored(KafkaRecordBatch produced, EntryFormat format, long baseOffset) {
        return new StoredBatchStub(baseOffset, produced.recordCount(), format,
                format == EntryFormat.PASS_THROUGH ? produced.raw() : null, produced.rawFormat(),
                visitor -> produced.forEachRecord((offset, ts, key, value, headers) -> visitor.record(
                        baseOffset + offset, ts, key, value, List.of(new Header("h", ByteBuffer.allocate(1).array())))));
    }

    @Test
    public void writingStopsAtTheLimitButKeepsTheFirstBatch() {
        KafkaRecordBatch produced = VALIDATOR.validate(KafkaFixture.records("a"), (short) 9);
        List<StoredBatch> two = List.of(stored(produced, EntryFormat.PULSAR, 0), stored(produced, EntryFormat.PULSAR, 1));
        int one = FetchRecordsWriterTest.written(two, 1 << 20).batches().iterator().next().sizeInBytes();
        assertEquals(FetchRecordsWriterTest.written(two, one + 1).sizeInBytes(), one);
        assertEquals(FetchRecordsWriterTest.written(two, 1).sizeInBytes(), one);
    }
}
