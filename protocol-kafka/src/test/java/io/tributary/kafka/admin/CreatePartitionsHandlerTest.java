package io.tributary.kafka.admin;

import static org.testng.Assert.assertEquals;

import io.tributary.kafka.KafkaFixture;
import org.apache.kafka.common.message.CreatePartitionsRequestData;
import org.apache.kafka.common.message.CreatePartitionsRequestData.CreatePartitionsTopic;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.testng.annotations.Test;

public class CreatePartitionsHandlerTest {

    private static short grow(KafkaFixture fixture, String topic, int count, boolean validateOnly) {
        CreatePartitionsRequestData request = new CreatePartitionsRequestData().setValidateOnly(validateOnly);
        request.topics().add(new CreatePartitionsTopic().setName(topic).setCount(count));
        return new CreatePartitionsHandler(fixture.topics).handle(fixture.request(ApiKeys.CREATE_PARTITIONS, 3), request)
                .join().results().get(0).errorCode();
    }

    @Test
    public void growsOnly() {
        try (KafkaFixture fixture = new KafkaFixture()) {
            fixture.createTopic("t", 2);
            assertEquals(grow(fixture, "t", 5, true), Errors.NONE.code());
            assertEquals(fixture.cluster().topic(fixture.topic("t")).orElseThrow().partitions(), 2);
            assertEquals(grow(fixture, "t", 4, false), Errors.NONE.code());
            assertEquals(fixture.cluster().topic(fixture.topic("t")).orElseThrow().partitions(), 4);
            assertEquals(grow(fixture, "t", 4, false), Errors.INVALID_PARTITIONS.code());
            assertEquals(grow(fixture, "missing", 4, false), Errors.UNKNOWN_TOPIC_OR_PARTITION.code());
        }
    }
}
