package io.tributary.kafka.network;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.tributary.kafka.KafkaFixture;
import io.tributary.kafka.records.FetchRecords;
import io.tributary.kafka.records.FetchRecordsWriter;
import io.tributary.kafka.records.KafkaRecordBatch;
import io.tributary.kafka.records.ProducedBatchValidator;
import io.tributary.kafka.records.StoredBatchStub;
import io.tributary.spi.storage.EntryFormat;
import io.tributary.spi.storage.StoredBatch;
import java.nio.ByteBuffer;
import java.util.List;
import org.apache.kafka.common.message.FetchResponseData;
import org.apache.kafka.common.message.FetchResponseData.FetchableTopicResponse;
import org.apache.kafka.common.message.FetchResponseData.PartitionData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.ByteBufferAccessor;
import org.apache.kafka.common.record.internal.BaseRecords;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.requests.ResponseHeader;
import org.testng.annotations.Test;

public class ResponseEncoderTest {

    private static final PooledByteBufAllocator ALLOC = PooledByteBufAllocator.DEFAULT;

    private static FetchRecords fetched(ByteBufAllocator alloc, String... values) {
        KafkaRecordBatch produced = new ProducedBatchValidator(1 << 20).validate(KafkaFixture.records(values), (short) 9);
        StoredBatch stored = StoredBatchStub.kafkaBytes(7, produced.recordCount(), EntryFormat.PULSAR, produced.raw());
        return FetchRecordsWriter.write(List.of(stored), 1 << 20, alloc);
    }

    private static FetchResponseData response(BaseRecords first, BaseRecords second) {
        FetchResponseData response = new FetchResponseData();
        response.responses().add(new FetchableTopicResponse().setTopic("t").setPartitions(List.of(
                new PartitionData().setPartitionIndex(0).setHighWatermark(9).setRecords(first),
                new PartitionData().setPartitionIndex(1).setHighWatermark(0).setRecords(MemoryRecords.EMPTY),
                new PartitionData().setPartitionIndex(2).setHighWatermark(9).setRecords(second))));
        return response;
    }

    private static MemoryRecords heapCopy(FetchRecords records) {
        ByteBuffer view = records.view().buffer();
        return MemoryRecords.readableRecords(ByteBuffer.allocate(view.remaining()).put(view).flip());
    }

    @Test
    public void fetchedRecordsGoIntoTheFrameByReferenceWithTheBytesOfACopy() {
        for (short version : new short[] {4, 12, 16}) {
            UnpooledByteBufAllocator recordsAlloc = new UnpooledByteBufAllocator(true);
            FetchRecords first = fetched(recordsAlloc, "a", "b");
            FetchRecords second = fetched(recordsAlloc, "c");
            ResponseHeader header = new ResponseHeader(42, ApiKeys.FETCH.responseHeaderVersion(version));
            ByteBuf copied = ResponseEncoder.encode(ALLOC, header, version, response(heapCopy(first), heapCopy(second)));
            FetchResponseData body = response(first, second);
            ByteBuf referenced = ResponseEncoder.encode(ALLOC, header, version, body);

            assertTrue(referenced instanceof CompositeByteBuf, "version " + version);
            assertTrue(referenced.isDirect(), "sent without a copy to direct memory");
            byte[] frame = ByteBufUtil.getBytes(referenced);
            assertEquals(frame, ByteBufUtil.getBytes(copied), "version " + version);
            ByteBuffer read = ByteBuffer.wrap(frame, 8, frame.length - 8);
            if (header.headerVersion() > 0) {
                read.get();
            }
            FetchResponseData decoded = new FetchResponseData(new ByteBufferAccessor(read.slice()), version);
            MemoryRecords records = (MemoryRecords) decoded.responses().get(0).partitions().get(2).records();
            assertEquals(records.batches().iterator().next().baseOffset(), 7L);

            FetchRecords.releaseIn(body);
            assertTrue(recordsAlloc.metric().usedDirectMemory() > 0, "the frame holds the records");
            referenced.release();
            assertEquals(recordsAlloc.metric().usedDirectMemory(), 0, "version " + version);
            copied.release();
        }
    }

    @Test
    public void aResponseWithoutFetchedRecordsIsOneBuffer() {
        ResponseHeader header = new ResponseHeader(1, (short) 0);
        ByteBuf frame = ResponseEncoder.encode(ALLOC, header, (short) 4, response(MemoryRecords.EMPTY, MemoryRecords.EMPTY));
        assertTrue(!(frame instanceof CompositeByteBuf));
        assertEquals(frame.readInt(), frame.readableBytes());
        frame.release();
    }
}
