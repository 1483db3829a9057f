package io.tributary.kafka.produce;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertNull;

import io.tributary.kafka.KafkaFixture;
import io.tributary.kafka.records.ProducedBatchValidator;
import io.tributary.spi.storage.EntryFormat;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.message.ProduceRequestData;
import org.apache.kafka.common.message.ProduceRequestData.PartitionProduceData;
import org.apache.kafka.common.message.ProduceRequestData.TopicProduceData;
import org.apache.kafka.common.message.ProduceRequestData.TopicProduceDataCollection;
import org.apache.kafka.common.message.ProduceResponseData.PartitionProduceResponse;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.RecordBatch;
import org.testng.annotations.AfterMethod;
import org.testng.annotations.BeforeMethod;
import org.testng.annotations.Test;

public class ProduceHandlerTest {

    private KafkaFixture fixture;
    private ProduceHandler handler;

    @BeforeMethod
    public void setUp() {
        fixture = new KafkaFixture(Map.of("maxMessageBytes", "2000"));
        handler = new ProduceHandler(fixture.topics, fixture.context.logs(), new ProducedBatchValidator(2000),
                EntryFormat.PULSAR);
        fixture.createTopic("t", 2);
    }

    @AfterMethod(alwaysRun = true)
    public void tearDown() {
        fixture.close();
    }

    private PartitionProduceResponse produce(int version, String topic, Uuid id, short acks, MemoryRecords records,
                                             String transactionalId) {
        TopicProduceData data = new TopicProduceData().setName(topic).setTopicId(id)
                .setPartitionData(List.of(new PartitionProduceData().setIndex(0).setRecords(records)));
        TopicProduceDataCollection topics = new TopicProduceDataCollection();
        topics.add(data);
        var response = handler.handle(fixture.request(ApiKeys.PRODUCE, version), new ProduceRequestData()
                .setAcks(acks).setTimeoutMs(1000).setTransactionalId(transactionalId).setTopicData(topics)).join();
        return response.responses().iterator().next().partitionResponses().get(0);
    }

    private PartitionProduceResponse produce(MemoryRecords records) {
        return produce(9, "t", Uuid.ZERO_UUID, (short) -1, records, null);
    }

    @Test
    public void appendsAndReturnsTheBaseOffset() {
        assertEquals(produce(KafkaFixture.records("a", "b")).baseOffset(), 0L);
        PartitionProduceResponse second = produce(KafkaFixture.records("c"));
        assertEquals(second.errorCode(), Errors.NONE.code());
        assertEquals(second.baseOffset(), 2L);
        assertEquals(fixture.log("t", 0).logEndOffset(), 3L);
    }

    @Test
    public void acksZeroAppendsWithoutResponse() {
        TopicProduceDataCollection topics = new TopicProduceDataCollection();
        topics.add(new TopicProduceData().setName("t").setPartitionData(List.of(
                new PartitionProduceData().setIndex(1).setRecords(KafkaFixture.records("a")))));
        assertNull(handler.handle(fixture.request(ApiKeys.PRODUCE, 9),
                new ProduceRequestData().setAcks((short) 0).setTopicData(topics)).join());
        assertEquals(fixture.log("t", 1).logEndOffset(), 1L);
    }

    @Test
    public void topicIdsFromVersion13() {
        PartitionProduceResponse response = produce(13, null, fixture.topicId("t"), (short) 1,
                KafkaFixture.records("a"), null);
        assertEquals(response.errorCode(), Errors.NONE.code());
        assertEquals(produce(13, null, Uuid.randomUuid(), (short) 1, KafkaFixture.records("a"), null).errorCode(),
                Errors.UNKNOWN_TOPIC_ID.code());
    }

    @Test
    public void idempotentDuplicatesReturnTheOriginalOffset() {
        MemoryRecords first = KafkaFixture.records(Compression.NONE, 7L, (short) 0, 0, "a", "b");
        MemoryRecords second = KafkaFixture.records(Compression.NONE, 7L, (short) 0, 2, "c");
        assertEquals(produce(first).baseOffset(), 0L);
        assertEquals(produce(second).baseOffset(), 2L);
        PartitionProduceResponse retried = produce(KafkaFixture.records(Compression.NONE, 7L, (short) 0, 0, "a", "b"));
        assertEquals(retried.errorCode(), Errors.NONE.code());
        assertEquals(retried.baseOffset(), 0L);
        assertEquals(fixture.log("t", 0).logEndOffset(), 3L);
    }

    @Test
    public void outOfOrderSequenceAndStaleEpoch() {
        produce(KafkaFixture.records(Compression.NONE, 7L, (short) 1, 0, "a"));
        assertEquals(produce(KafkaFixture.records(Compression.NONE, 7L, (short) 1, 5, "b")).errorCode(),
                Errors.OUT_OF_ORDER_SEQUENCE_NUMBER.code());
        assertEquals(produce(KafkaFixture.records(Compression.NONE, 7L, (short) 0, 1, "b")).errorCode(),
                Errors.INVALID_PRODUCER_EPOCH.code());
    }

    @Test
    public void corruptBatchIsRefused() {
        MemoryRecords records = KafkaFixture.records("a", "b");
        ByteBuffer bytes = records.buffer();
        bytes.put(bytes.limit() - 1, (byte) (bytes.get(bytes.limit() - 1) ^ 0x5a));
        assertEquals(produce(MemoryRecords.readableRecords(bytes)).errorCode(), Errors.CORRUPT_MESSAGE.code());
        assertEquals(fixture.log("t", 0).logEndOffset(), 0L);
    }

    @Test
    public void oversizedBatchIsRefused() {
        assertEquals(produce(KafkaFixture.records("x".repeat(3000))).errorCode(), Errors.MESSAGE_TOO_LARGE.code());
    }

    @Test
    public void transactionsAreRefused() {
        MemoryRecords transactional = MemoryRecords.withTransactionalRecords(Compression.NONE, 7L, (short) 0, 0,
                new org.apache.kafka.common.record.internal.SimpleRecord("v".getBytes()));
        assertEquals(produce(transactional).errorCode(), Errors.UNSUPPORTED_FOR_MESSAGE_FORMAT.code());
        assertEquals(produce(9, "t", Uuid.ZERO_UUID, (short) -1, KafkaFixture.records("a"), "txn").errorCode(),
                Errors.UNSUPPORTED_FOR_MESSAGE_FORMAT.code());
    }

    @Test
    public void unknownAndInvalidTopics() {
        assertEquals(produce(9, "missing", Uuid.ZERO_UUID, (short) 1, KafkaFixture.records("a"), null).errorCode(),
                Errors.UNKNOWN_TOPIC_OR_PARTITION.code());
        assertEquals(produce(9, "bad name!", Uuid.ZERO_UUID, (short) 1, KafkaFixture.records("a"), null).errorCode(),
                Errors.INVALID_TOPIC_EXCEPTION.code());
    }

    @Test
    public void partitionOwnedElsewhere() {
        fixture.cluster().moveAway(fixture.topic("t"), 0);
        assertEquals(produce(KafkaFixture.records("a")).errorCode(), Errors.NOT_LEADER_OR_FOLLOWER.code());
    }

    @Test
    public void invalidAcks() {
        assertEquals(produce(9, "t", Uuid.ZERO_UUID, (short) 2, KafkaFixture.records("a"), null).errorCode(),
                Errors.INVALID_REQUIRED_ACKS.code());
    }

    @Test
    public void everyCodecIsAccepted() {
        for (var type : org.apache.kafka.common.record.internal.CompressionType.values()) {
            Compression compression = Compression.of(type).build();
            assertEquals(produce(KafkaFixture.records(compression, RecordBatch.NO_PRODUCER_ID,
                    RecordBatch.NO_PRODUCER_EPOCH, RecordBatch.NO_SEQUENCE, "a", "b")).errorCode(), Errors.NONE.code(),
                    type.name);
        }
    }
}
