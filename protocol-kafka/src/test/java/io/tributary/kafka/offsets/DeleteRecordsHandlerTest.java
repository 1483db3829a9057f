package io.tributary.kafka.offsets;

import static org.testng.Assert.assertEquals;

import io.tributary.kafka.KafkaFixture;
import io.tributary.kafka.records.ProducedBatchValidator;
import io.tributary.spi.storage.EntryFormat;
import java.util.List;
import org.apache.kafka.common.message.DeleteRecordsRequestData;
import org.apache.kafka.common.message.DeleteRecordsRequestData.DeleteRecordsPartition;
import org.apache.kafka.common.message.DeleteRecordsRequestData.DeleteRecordsTopic;
import org.apache.kafka.common.message.DeleteRecordsResponseData.DeleteRecordsPartitionResult;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.testng.annotations.Test;

public class DeleteRecordsHandlerTest {

    private static DeleteRecordsPartitionResult delete(KafkaFixture fixture, long offset) {
        return new DeleteRecordsHandler(fixture.topics, fixture.context.logs())
                .handle(fixture.request(ApiKeys.DELETE_RECORDS, 2), new DeleteRecordsRequestData().setTopics(List.of(
                        new DeleteRecordsTopic().setName("t").setPartitions(List.of(
                                new DeleteRecordsPartition().setPartitionIndex(0).setOffset(offset))))))
                .join().topics().iterator().next().partitions().iterator().next();
    }

    @Test
    public void movesTheLogStart() {
        try (KafkaFixture fixture = new KafkaFixture()) {
            fixture.createTopic("t", 1);
            fixture.log("t", 0).append(new ProducedBatchValidator(1 << 20)
                    .validate(KafkaFixture.records("a", "b", "c"), (short) 9), EntryFormat.PULSAR).join();
            assertEquals(delete(fixture, 2).lowWatermark(), 2L);
            assertEquals(delete(fixture, 1).lowWatermark(), 2L, "never moves back");
            assertEquals(delete(fixture, -1).lowWatermark(), 3L, "-1 is the high watermark");
            assertEquals(delete(fixture, 9).errorCode(), Errors.OFFSET_OUT_OF_RANGE.code());
        }
    }
}
