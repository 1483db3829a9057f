package io.tributary.storage.internal;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertNull;
import static org.testng.Assert.assertSame;
import static org.testng.Assert.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.tributary.spi.storage.EntryFormat;
import io.tributary.spi.storage.ProducerInfo;
import io.tributary.spi.storage.RecordBatch;
import io.tributary.spi.storage.RecordVisitor;
import java.util.ArrayList;
import java.util.List;
import org.testng.annotations.BeforeMethod;
import org.testng.annotations.Test;

public class RecentBatchesTest {

    private static final String FORMAT = "test-v1";
    private static final UnpooledByteBufAllocator ALLOCATOR = new UnpooledByteBufAllocator(false);

    /** A batch of {@code bytes}; one that can share them hands out references to {@code shared}. */
    private record Raw(String bytes, String rawFormat, ByteBuf shared) implements RecordBatch {
        Raw(String bytes, String rawFormat) {
            this(bytes, rawFormat, null);
        }

        @Override
        public ByteBuf retainedRaw() {
            return shared == null ? null : shared.retain();
        }

        @Override
        public int recordCount() {
            return 1;
        }

        @Override
        public ProducerInfo producer() {
            return ProducerInfo.NONE;
        }

        @Override
        public void forEachRecord(RecordVisitor visitor) {
            throw new UnsupportedOperationException();
        }

        @Override
        public ByteBuf raw() {
            return Unpooled.wrappedBuffer(bytes.getBytes(UTF_8));
        }
    }

    private final List<ByteBuf> copies = new ArrayList<>();

    @BeforeMethod
    public void forgetCopies() {
        copies.clear();
    }

    /** Appends a batch of {@code count} records whose bytes are {@code bytes}. */
    private void add(RecentBatches recent, long baseOffset, int count, String bytes) {
        ByteBuf copy = recent.keep(new Raw(bytes, FORMAT));
        copies.add(copy);
        recent.add(baseOffset, count, EntryFormat.PULSAR, FORMAT, copy);
    }

    private static List<String> texts(List<RecentBatch> batches) {
        List<String> texts = new ArrayList<>();
        for (RecentBatch batch : batches) {
            texts.add(batch.baseOffset() + ":" + batch.raw().toString(UTF_8));
            batch.release();
        }
        return texts;
    }

    @Test
    public void readsFollowingBatchesFromTheOneHoldingTheOffsetWithinTheByteLimit() {
        RecentBatches recent = new RecentBatches(new RecentBatchBudget(1 << 20), ALLOCATOR);
        add(recent, 0, 3, "aaaa");
        add(recent, 3, 2, "bbbb");
        add(recent, 5, 1, "cccc");

        assertEquals(texts(recent.read(0, 6, 100, FORMAT)), List.of("0:aaaa", "3:bbbb", "5:cccc"));
        assertEquals(texts(recent.read(4, 6, 100, FORMAT)), List.of("3:bbbb", "5:cccc"));
        assertEquals(texts(recent.read(0, 6, 8, FORMAT)), List.of("0:aaaa", "3:bbbb"));
        assertEquals(texts(recent.read(1, 6, 1, FORMAT)), List.of("0:aaaa"), "at least one batch");
        assertEquals(texts(recent.read(0, 5, 100, FORMAT)), List.of("0:aaaa", "3:bbbb"), "nothing at the end offset");
        assertTrue(recent.read(6, 7, 100, FORMAT).isEmpty());
        assertTrue(recent.read(2, 6, 100, "other").isEmpty());
    }

    @Test
    public void stopsAtAGapAndMissesOffsetsItDoesNotHold() {
        RecentBatches recent = new RecentBatches(new RecentBatchBudget(1 << 20), ALLOCATOR);
        add(recent, 10, 2, "xx");
        add(recent, 15, 1, "yy");

        assertEquals(texts(recent.read(10, 16, 100, FORMAT)), List.of("10:xx"));
        assertTrue(recent.read(12, 16, 100, FORMAT).isEmpty());
        assertTrue(recent.read(9, 16, 100, FORMAT).isEmpty());
    }

    @Test
    public void evictsTheOldestBatchesOfAllLogsWhenOverBudget() {
        RecentBatchBudget budget = new RecentBatchBudget(64);
        RecentBatches first = new RecentBatches(budget, ALLOCATOR);
        RecentBatches second = new RecentBatches(budget, ALLOCATOR);
        add(first, 0, 1, "11111111");
        add(second, 0, 1, "22222222");
        for (int i = 1; i < 7; i++) {
            add(i % 2 == 0 ? first : second, i, 1, "33333333");
        }
        assertEquals(budget.usedBytes(), 64);

        add(first, 8, 1, "44444444");

        assertEquals(budget.usedBytes(), 64);
        assertTrue(first.read(0, 100, 100, FORMAT).isEmpty(), "the oldest batch left");
        assertEquals(copies.get(0).refCnt(), 0);
        assertEquals(texts(second.read(0, 1, 100, FORMAT)), List.of("0:22222222"));
    }

    @Test
    public void aReaderKeepsItsBatchReadableAfterEviction() {
        RecentBatchBudget budget = new RecentBatchBudget(64);
        RecentBatches recent = new RecentBatches(budget, ALLOCATOR);
        add(recent, 0, 1, "12345678");
        List<RecentBatch> held = recent.read(0, 1, 100, FORMAT);

        for (int i = 1; i <= 8; i++) {
            add(recent, i, 1, "abcdefgh");
        }

        assertTrue(recent.read(0, 9, 100, FORMAT).isEmpty());
        assertEquals(texts(held), List.of("0:12345678"));
        assertEquals(copies.get(0).refCnt(), 0, "freed once the reader released it");
    }

    @Test
    public void closingReleasesEverythingAndKeepsNothingMore() {
        RecentBatchBudget budget = new RecentBatchBudget(1 << 20);
        RecentBatches recent = new RecentBatches(budget, ALLOCATOR);
        add(recent, 0, 1, "abc");
        add(recent, 1, 1, "def");

        recent.close();
        add(recent, 2, 1, "ghi");

        assertEquals(budget.usedBytes(), 0);
        assertEquals(recent.size(), 0);
        copies.forEach(copy -> assertEquals(copy.refCnt(), 0));
    }

    @Test
    public void keepsNothingWithoutABudgetOrForBatchesTooLargeForIt() {
        assertNull(new RecentBatches(new RecentBatchBudget(0), ALLOCATOR).keep(new Raw("abc", FORMAT)));
        RecentBatches small = new RecentBatches(new RecentBatchBudget(64), ALLOCATOR);
        assertNull(small.keep(new Raw("123456789", FORMAT)), "larger than an eighth of the budget");
        assertNull(small.keep(new Raw("abc", null)), "no protocol bytes");
        ByteBuf kept = small.keep(new Raw("12345678", FORMAT));
        assertEquals(kept.toString(UTF_8), "12345678");
        kept.release();
    }

    @Test
    public void keepsAReferenceToBytesTheBatchCanShareInsteadOfACopy() {
        ByteBuf shared = ALLOCATOR.directBuffer().writeBytes("shared".getBytes(UTF_8));
        RecentBatches recent = new RecentBatches(new RecentBatchBudget(1 << 20), ALLOCATOR);

        ByteBuf kept = recent.keep(new Raw("shared", FORMAT, shared));

        assertSame(kept, shared);
        assertEquals(shared.refCnt(), 2, "a reference of its own, no copy");
        recent.add(0, 1, EntryFormat.PULSAR, FORMAT, kept);
        assertEquals(texts(recent.read(0, 1, 100, FORMAT)), List.of("0:shared"));
        recent.close();
        assertEquals(shared.refCnt(), 1, "the log released the reference it was given");
        shared.release();
    }
}
