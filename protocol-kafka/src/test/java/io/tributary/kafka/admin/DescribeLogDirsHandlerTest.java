package io.tributary.kafka.admin;

import static org.testng.Assert.assertEquals;

import io.tributary.kafka.KafkaFixture;
import io.tributary.kafka.metadata.PartitionLeaders;
import io.tributary.kafka.records.ProducedBatchValidator;
import io.tributary.spi.storage.EntryFormat;
import java.util.List;
import org.apache.kafka.common.message.DescribeLogDirsRequestData;
import org.apache.kafka.common.message.DescribeLogDirsRequestData.DescribableLogDirTopic;
import org.apache.kafka.common.message.DescribeLogDirsRequestData.DescribableLogDirTopicCollection;
import org.apache.kafka.common.message.DescribeLogDirsResponseData.DescribeLogDirsPartition;
import org.apache.kafka.common.message.DescribeLogDirsResponseData.DescribeLogDirsResult;
import org.apache.kafka.common.message.DescribeLogDirsResponseData.DescribeLogDirsTopic;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.testng.annotations.Test;

public class DescribeLogDirsHandlerTest {

    private static DescribeLogDirsResult describe(KafkaFixture fixture, DescribableLogDirTopicCollection topics) {
        List<DescribeLogDirsResult> results = new DescribeLogDirsHandler(fixture.topics, fixture.cluster().logs(),
                new PartitionLeaders(fixture.cluster().lookup()))
                .handle(fixture.request(ApiKeys.DESCRIBE_LOG_DIRS, 4), new DescribeLogDirsRequestData().setTopics(topics))
                .join().results();
        assertEquals(results.size(), 1);
        assertEquals(results.get(0).errorCode(), Errors.NONE.code());
        assertEquals(results.get(0).logDir(), DescribeLogDirsHandler.LOG_DIR);
        return results.get(0);
    }

    private static DescribeLogDirsTopic topic(DescribeLogDirsResult result, String name) {
        return result.topics().stream().filter(t -> t.name().equals(name)).findFirst().orElse(null);
    }

    @Test
    public void everyPartitionLedHereWithItsSizeWhenNoTopicIsNamed() {
        try (KafkaFixture fixture = new KafkaFixture()) {
            fixture.createTopic("sized", 3);
            fixture.log("sized", 0).append(new ProducedBatchValidator(1 << 20)
                    .validate(KafkaFixture.records("abc", "de"), (short) 9), EntryFormat.PULSAR).join();
            fixture.cluster().moveAway(fixture.topic("sized"), 2);
            DescribeLogDirsTopic sized = topic(describe(fixture, null), "sized");
            assertEquals(sized.partitions().stream().map(DescribeLogDirsPartition::partitionIndex).toList(), List.of(0, 1));
            assertEquals(sized.partitions().get(0).partitionSize(), fixture.log("sized", 0).sizeBytes());
            assertEquals(sized.partitions().get(0).partitionSize(), 5 + 4);
            assertEquals(sized.partitions().get(1).partitionSize(), 0);
        }
    }

    @Test
    public void onlyTheNamedPartitionsOfTheNamedTopics() {
        try (KafkaFixture fixture = new KafkaFixture()) {
            fixture.createTopic("a", 2);
            fixture.createTopic("b", 1);
            DescribableLogDirTopicCollection wanted = new DescribableLogDirTopicCollection();
            wanted.add(new DescribableLogDirTopic().setTopic("a").setPartitions(List.of(1)));
            wanted.add(new DescribableLogDirTopic().setTopic("missing").setPartitions(List.of(0)));
            DescribeLogDirsResult result = describe(fixture, wanted);
            assertEquals(result.topics().size(), 1);
            assertEquals(topic(result, "a").partitions().stream().map(DescribeLogDirsPartition::partitionIndex).toList(),
                    List.of(1));
        }
    }
}
