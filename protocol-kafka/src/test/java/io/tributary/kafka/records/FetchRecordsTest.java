package io.tributary.kafka.records;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertSame;
import static org.testng.Assert.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.buffer.ByteBufAllocator;
import io.tributary.kafka.KafkaFixture;
import io.tributary.spi.storage.EntryFormat;
import java.util.List;
import org.apache.kafka.common.message.FetchResponseData;
import org.apache.kafka.common.message.FetchResponseData.FetchableTopicResponse;
import org.apache.kafka.common.message.FetchResponseData.PartitionData;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.testng.annotations.Test;

public class FetchRecordsTest {

    private static final ProducedBatchValidator VALIDATOR = new ProducedBatchValidator(1 << 20);

    /** Three single-record batches at offsets 0, 1 and 2, in a pooled buffer as the fetch path writes them. */
    private static FetchRecords three() {
        return three(PooledByteBufAllocator.DEFAULT);
    }

    private static FetchRecords three(ByteBufAllocator alloc) {
        KafkaRecordBatch produced = VALIDATOR.validate(KafkaFixture.records("a"), (short) 9);
        return FetchRecordsWriter.write(List.of(
                StoredBatchStub.kafkaBytes(0, 1, EntryFormat.PULSAR, produced.raw()),
                StoredBatchStub.kafkaBytes(1, 1, EntryFormat.PULSAR, produced.raw()),
                StoredBatchStub.kafkaBytes(2, 1, EntryFormat.PULSAR, produced.raw())),
                1 << 20, alloc);
    }

    private static int batchSize() {
        FetchRecords records = three();
        int size = records.sizeInBytes() / 3;
        records.release();
        return size;
    }

    @Test
    public void truncateKeepsWholeBatches() {
        int one = batchSize();
        FetchRecords records = three();
        assertSame(records.truncate(3 * one, false), records);
        assertEquals(records.sizeInBytes(), 3 * one);
        assertSame(records.truncate(2 * one + 1, false), records);
        assertEquals(records.sizeInBytes(), 2 * one);
        assertEquals(records.view().batches().iterator().next().baseOffset(), 0L);
        records.release();

        FetchRecords first = three().truncate(1, true);
        assertEquals(first.sizeInBytes(), one);
        first.view().batches().iterator().next().ensureValid();
        first.release();
    }

    @Test
    public void truncatingToNothingReleasesTheBuffer() {
        UnpooledByteBufAllocator alloc = new UnpooledByteBufAllocator(true);
        FetchRecords records = three(alloc);
        assertTrue(alloc.metric().usedDirectMemory() > 0);

        assertSame(records.truncate(1, false), FetchRecords.EMPTY);
        assertEquals(alloc.metric().usedDirectMemory(), 0);
        records.release();
        FetchRecords.EMPTY.release();
        assertEquals(FetchRecords.EMPTY.sizeInBytes(), 0);
    }

    @Test
    public void aFrameKeepsTheBytesUntilItIsReleased() {
        UnpooledByteBufAllocator alloc = new UnpooledByteBufAllocator(true);
        FetchRecords records = three(alloc);
        ByteBuf frame = records.retainedBuffer();
        records.release();
        records.release();
        assertTrue(alloc.metric().usedDirectMemory() > 0, "a second release does not take the frame's reference");
        frame.release();
        assertEquals(alloc.metric().usedDirectMemory(), 0);
    }

    @Test
    public void releasesTheRecordsOfAFetchResponse() {
        UnpooledByteBufAllocator alloc = new UnpooledByteBufAllocator(true);
        FetchResponseData response = new FetchResponseData();
        response.responses().add(new FetchableTopicResponse().setTopic("t").setPartitions(List.of(
                new PartitionData().setPartitionIndex(0).setRecords(three(alloc)),
                new PartitionData().setPartitionIndex(1).setRecords(MemoryRecords.EMPTY),
                new PartitionData().setPartitionIndex(2).setRecords(three(alloc)))));
        assertTrue(alloc.metric().usedDirectMemory() > 0);

        FetchRecords.releaseIn(response);
        assertEquals(alloc.metric().usedDirectMemory(), 0);
        FetchRecords.releaseIn(null);
        FetchRecords.releaseIn(new FetchResponseData());
    }
}
