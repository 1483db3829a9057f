package io.tributary.kafka.records;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertNull;
import static org.testng.Assert.assertTrue;
import static org.testng.Assert.expectThrows;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.tributary.spi.storage.EntryFormat;
import io.tributary.spi.storage.Header;
import io.tributary.spi.storage.StoredBatch;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.MemoryRecordsBuilder;
import org.apache.kafka.common.record.internal.MutableRecordBatch;
import org.apache.kafka.common.record.internal.Record;
import org.apache.kafka.common.record.internal.RecordBatch;
import org.testng.annotations.Test;

/** Rebuilt batches: the bytes kafka-clients' own builder writes, whether the records are on the heap or not. */
public class FetchRecordsWriterTest {

    /** One record as a visitor receives it; key, value and header values may be null. */
    private record Rec(long offset, long timestamp, byte[] key, byte[] value, List<Header> headers) {
    }

    /** Writes with the pooled allocator the broker uses and returns a heap copy of the bytes. */
    static MemoryRecords written(List<StoredBatch> batches, int maxBytes) {
        FetchRecords fetched = FetchRecordsWriter.write(batches, maxBytes, PooledByteBufAllocator.DEFAULT);
        ByteBuffer view = fetched.view().buffer();
        ByteBuffer copy = ByteBuffer.allocate(view.remaining()).put(view).flip();
        fetched.release();
        return MemoryRecords.readableRecords(copy);
    }

    private static ByteBuffer written(StoredBatch batch) {
        return written(List.of(batch), Integer.MAX_VALUE).buffer();
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] filled(int size, int seed) {
        byte[] b = new byte[size];
        for (int i = 0; i < size; i++) {
            b[i] = (byte) (i * 31 + seed);
        }
        return b;
    }

    /** Off-heap copies, each a view at a non-zero position of a larger buffer, as the reader hands them. */
    private static ByteBuffer direct(byte[] b) {
        if (b == null) {
            return null;
        }
        ByteBuffer whole = ByteBuffer.allocateDirect(b.length + 7);
        whole.position(3);
        whole.put(b);
        return whole.position(3).limit(3 + b.length).slice().position(0);
    }

    private static StoredBatch stored(long baseOffset, List<Rec> records, ByteBuf raw, boolean direct) {
        return new StoredBatchStub(baseOffset, records.size(), EntryFormat.PULSAR, raw, null, visitor -> {
            for (Rec r : records) {
                ByteBuffer key = direct ? direct(r.key()) : r.key() == null ? null : ByteBuffer.wrap(r.key());
                ByteBuffer value = direct ? direct(r.value()) : r.value() == null ? null : ByteBuffer.wrap(r.value());
                visitor.record(r.offset(), r.timestamp(), key, value, r.headers());
                if (key != null) {
                    assertEquals(key.remaining(), r.key().length, "key position moved");
                }
                if (value != null) {
                    assertEquals(value.remaining(), r.value().length, "value position moved");
                }
            }
        });
    }

    /** What kafka-clients' MemoryRecordsBuilder writes for the same records, from heap buffers. */
    private static byte[] expected(long baseOffset, List<Rec> records) {
        MemoryRecordsBuilder builder = MemoryRecords.builder(ByteBuffer.allocate(64),
                RecordBatch.MAGIC_VALUE_V2, Compression.NONE, TimestampType.CREATE_TIME, baseOffset);
        for (Rec r : records) {
            builder.appendWithOffset(r.offset(), r.timestamp(), r.key(), r.value(), r.headers().stream()
                    .map(h -> new RecordHeader(h.key(), h.value()))
                    .toArray(org.apache.kafka.common.header.Header[]::new));
        }
        return array(builder.build().buffer());
    }

    private static byte[] array(ByteBuffer buffer) {
        byte[] b = new byte[buffer.remaining()];
        buffer.duplicate().get(b);
        return b;
    }

    private static List<Rec> mixed(long baseOffset) {
        List<Rec> records = new ArrayList<>();
        records.add(new Rec(baseOffset, 1_700_000_000_500L, bytes("k0"), bytes("v0"), List.of()));
        records.add(new Rec(baseOffset + 1, 1_700_000_000_100L, null, bytes("no key"), List.of()));
        records.add(new Rec(baseOffset + 2, 1_700_000_000_900L, bytes("tombstone"), null, List.of()));
        records.add(new Rec(baseOffset + 3, 1_700_000_000_900L, null, null,
                List.of(new Header("h1", bytes("x")), new Header("h-null", null), new Header("ключ", new byte[0]))));
        records.add(new Rec(baseOffset + 5, 1_700_000_001_000L, new byte[0], new byte[0], List.of()));
        records.add(new Rec(baseOffset + 9, 1_699_999_999_000L, bytes("big"), filled(70_000, 3),
                List.of(new Header("trace", filled(300, 9)))));
        records.add(new Rec(baseOffset + 10, 1_700_000_002_000L, filled(200, 5), filled(1024, 7), List.of()));
        return records;
    }

    @Test
    public void rebuildsFromDirectBuffersTheBytesKafkaWrites() {
        for (boolean direct : new boolean[] {true, false}) {
            for (long baseOffset : new long[] {0L, 40L, 5_000_000_000L}) {
                List<Rec> records = mixed(baseOffset);
                for (ByteBuf raw : new ByteBuf[] {null, io.netty.buffer.Unpooled.buffer(16)}) {
                    ByteBuffer rebuilt = written(stored(baseOffset, records, raw, direct));
                    assertEquals(array(rebuilt), expected(baseOffset, records),
                            "direct=" + direct + " base=" + baseOffset);
                    assertContent(MemoryRecords.readableRecords(rebuilt), baseOffset, records);
                }
            }
        }
    }

    @Test
    public void manySmallRecordsWithoutTimestamps() {
        List<Rec> records = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            records.add(new Rec(100 + i, RecordBatch.NO_TIMESTAMP, i % 3 == 0 ? null : bytes("k" + i),
                    filled(i % 50, i), i % 7 == 0 ? List.of(new Header("n", bytes("" + i))) : List.of()));
        }
        ByteBuffer rebuilt = written(stored(100, records, null, true));
        assertEquals(array(rebuilt), expected(100, records));
        assertContent(MemoryRecords.readableRecords(rebuilt), 100, records);
    }

    @Test
    public void noRecordsIsNoBatch() {
        assertEquals(written(stored(7, List.of(), null, true)).remaining(), 0);
        assertEquals(expected(7, List.of()).length, 0);
    }

    @Test
    public void joinsRebuiltBatches() {
        List<Rec> first = mixed(0);
        List<Rec> second = mixed(20);
        MemoryRecords records = written(List.of(stored(0, first, null, true),
                stored(20, second, null, true)), 1 << 20);
        List<MutableRecordBatch> batches = new ArrayList<>();
        records.batches().forEach(batches::add);
        assertEquals(batches.size(), 2);
        byte[] all = array(records.buffer());
        byte[] one = expected(0, first);
        assertEquals(Arrays.copyOfRange(all, 0, one.length), one);
        assertEquals(Arrays.copyOfRange(all, one.length, all.length), expected(20, second));

        List<Rec> third = mixed(40);
        List<StoredBatch> three = List.of(stored(0, first, null, true), stored(20, second, null, true),
                stored(40, third, null, true));
        assertEquals(array(written(three, all.length).buffer()), all);
        assertEquals(array(written(three, all.length - 1).buffer()), one);
        assertEquals(array(written(three, 1).buffer()), one);
        assertEquals(written(List.of(), 100).sizeInBytes(), 0);
    }

    @Test
    public void copiesKafkaBytesWithTheirBaseOffsetWhicheverWayTheBatchIsStored() {
        MemoryRecordsBuilder builder = MemoryRecords.builder(ByteBuffer.allocate(256), RecordBatch.MAGIC_VALUE_V2,
                Compression.gzip().build(), TimestampType.CREATE_TIME, 0L);
        builder.append(1_700_000_000_000L, bytes("k"), bytes("compressed"));
        builder.append(1_700_000_000_001L, null, bytes("second"));
        ByteBuf raw = Unpooled.wrappedBuffer(builder.build().buffer());
        List<Rec> rebuilt = mixed(42);

        MemoryRecords records = written(List.of(StoredBatchStub.kafkaBytes(40, 2, EntryFormat.PULSAR, raw),
                stored(42, rebuilt, null, false)), 1 << 20);

        List<MutableRecordBatch> batches = new ArrayList<>();
        records.batches().forEach(batches::add);
        assertEquals(batches.size(), 2);
        MutableRecordBatch copied = batches.get(0);
        copied.ensureValid();
        assertTrue(copied.isCompressed());
        assertEquals(copied.baseOffset(), 40);
        List<String> values = new ArrayList<>();
        for (Record record : copied) {
            values.add(record.offset() + ":" + StandardCharsets.UTF_8.decode(record.value()));
        }
        assertEquals(values, List.of("40:compressed", "41:second"));
        assertEquals(raw.getLong(raw.readerIndex()), 0L, "the held bytes are not changed");
        assertEquals(batches.get(1).baseOffset(), 42);
        assertEquals(batches.get(1).lastOffset(), rebuilt.get(rebuilt.size() - 1).offset());
    }

    @Test
    public void rejectsANegativeTimestampAsKafkaDoesAndReleasesWhatItWrote() {
        UnpooledByteBufAllocator alloc = new UnpooledByteBufAllocator(true);
        List<StoredBatch> batches = List.of(stored(0, mixed(0), null, true),
                stored(20, List.of(new Rec(20, -5L, null, bytes("v"), List.of())), null, true));
        expectThrows(IllegalArgumentException.class, () -> FetchRecordsWriter.write(batches, 1 << 20, alloc));
        assertEquals(alloc.metric().usedDirectMemory(), 0);
    }

    @Test
    public void growsItsBufferWhenTheEstimateIsShortAndKeepsOnlyTheLastOne() {
        UnpooledByteBufAllocator alloc = new UnpooledByteBufAllocator(true);
        List<Rec> records = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            records.add(new Rec(i, 1_700_000_000_000L, null, filled(1, i),
                    List.of(new Header("a-long-header-key-" + i, filled(100, i)))));
        }
        FetchRecords fetched = FetchRecordsWriter.write(List.of(stored(0, records, null, true)), 1 << 20, alloc);
        assertEquals(array(fetched.view().buffer()), expected(0, records));
        ByteBuf memory = fetched.retainedBuffer();
        int capacity = memory.capacity();
        memory.release();
        assertTrue(capacity > 200 * 64, "the first estimate was too small");
        assertEquals(alloc.metric().usedDirectMemory(), capacity, "the smaller buffers were released");
        fetched.release();
        assertEquals(alloc.metric().usedDirectMemory(), 0);
    }

    private static void assertContent(MemoryRecords records, long baseOffset, List<Rec> expected) {
        List<MutableRecordBatch> batches = new ArrayList<>();
        records.batches().forEach(batches::add);
        assertEquals(batches.size(), 1);
        MutableRecordBatch batch = batches.get(0);
        batch.ensureValid();
        assertEquals(batch.baseOffset(), baseOffset);
        assertEquals(batch.lastOffset(), expected.get(expected.size() - 1).offset());
        assertEquals(batch.countOrNull().intValue(), expected.size());
        assertFalse(batch.isCompressed());
        assertEquals(batch.timestampType(), TimestampType.CREATE_TIME);
        assertEquals(batch.producerId(), RecordBatch.NO_PRODUCER_ID);
        assertEquals(batch.maxTimestamp(), expected.stream().mapToLong(Rec::timestamp).max().getAsLong());
        int i = 0;
        for (Record record : batch) {
            Rec want = expected.get(i++);
            assertEquals(record.offset(), want.offset());
            assertEquals(record.timestamp(), want.timestamp());
            assertBytes(record.key(), want.key());
            assertBytes(record.value(), want.value());
            assertEquals(record.headers().length, want.headers().size());
            for (int h = 0; h < record.headers().length; h++) {
                assertEquals(record.headers()[h].key(), want.headers().get(h).key());
                if (want.headers().get(h).value() == null) {
                    assertNull(record.headers()[h].value());
                } else {
                    assertEquals(record.headers()[h].value(), want.headers().get(h).value());
                }
            }
        }
        assertEquals(i, expected.size());
    }

    private static void assertBytes(ByteBuffer actual, byte[] expected) {
        if (expected == null) {
            assertNull(actual);
        } else {
            assertEquals(array(actual), expected);
        }
    }
}
