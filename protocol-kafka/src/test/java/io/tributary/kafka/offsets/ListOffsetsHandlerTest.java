package io.tributary.kafka.offsets;

import static org.testng.Assert.assertEquals;

import io.tributary.kafka.KafkaFixture;
import io.tributary.kafka.records.ProducedBatchValidator;
import io.tributary.spi.storage.EntryFormat;
import java.util.List;
import org.apache.kafka.common.message.ListOffsetsRequestData;
import org.apache.kafka.common.message.ListOffsetsRequestData.ListOffsetsPartition;
import org.apache.kafka.common.message.ListOffsetsRequestData.ListOffsetsTopic;
import org.apache.kafka.common.message.ListOffsetsResponseData.ListOffsetsPartitionResponse;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.testng.annotations.AfterMethod;
import org.testng.annotations.BeforeMethod;
import org.testng.annotations.Test;

public class ListOffsetsHandlerTest {

    private KafkaFixture fixture;
    private ListOffsetsHandler handler;

    @BeforeMethod
    public void setUp() {
        fixture = new KafkaFixture();
        handler = new ListOffsetsHandler(fixture.topics, fixture.context.logs());
        fixture.createTopic("t", 1);
        ProducedBatchValidator validator = new ProducedBatchValidator(1 << 20);
        fixture.log("t", 0).append(validator.validate(KafkaFixture.records("a", "b", "c"), (short) 9), EntryFormat.PULSAR).join();
        fixture.log("t", 0).deleteRecordsBefore(1).join();
    }

    @AfterMethod(alwaysRun = true)
    public void tearDown() {
        fixture.close();
    }

    private ListOffsetsPartitionResponse list(String topic, long timestamp) {
        return handler.handle(fixture.request(ApiKeys.LIST_OFFSETS, 9), new ListOffsetsRequestData().setTopics(List.of(
                new ListOffsetsTopic().setName(topic).setPartitions(List.of(
                        new ListOffsetsPartition().setPartitionIndex(0).setTimestamp(timestamp))))))
                .join().topics().get(0).partitions().get(0);
    }

    @Test
    public void positions() {
        assertEquals(list("t", -2L).offset(), 1L);
        assertEquals(list("t", -4L).offset(), 1L);
        assertEquals(list("t", -1L).offset(), 3L);
        assertEquals(list("t", -5L).offset(), -1L);
    }

    @Test
    public void byTimestamp() {
        ListOffsetsPartitionResponse found = list("t", 1001L);
        assertEquals(found.offset(), 1L);
        assertEquals(found.timestamp(), 1001L);
        assertEquals(list("t", 5000L).offset(), -1L);
        ListOffsetsPartitionResponse max = list("t", -3L);
        assertEquals(max.offset(), 2L);
        assertEquals(max.timestamp(), 1002L);
    }

    @Test
    public void errors() {
        assertEquals(list("missing", -1L).errorCode(), Errors.UNKNOWN_TOPIC_OR_PARTITION.code());
        assertEquals(list("bad name", -1L).errorCode(), Errors.INVALID_TOPIC_EXCEPTION.code());
        fixture.cluster().moveAway(fixture.topic("t"), 0);
        assertEquals(list("t", -1L).errorCode(), Errors.NOT_LEADER_OR_FOLLOWER.code());
    }
}
