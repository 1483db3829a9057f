package io.tributary.kafka.admin;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;

import io.tributary.kafka.KafkaFixture;
import java.util.List;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.message.DeleteTopicsRequestData;
import org.apache.kafka.common.message.DeleteTopicsRequestData.DeleteTopicState;
import org.apache.kafka.common.message.DeleteTopicsResponseData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.testng.annotations.Test;

public class DeleteTopicsHandlerTest {

    @Test
    public void deletesByNameAndById() {
        try (KafkaFixture fixture = new KafkaFixture()) {
            fixture.createTopic("a", 1);
            fixture.createTopic("b", 1);
            Uuid idOfB = fixture.topicId("b");
            DeleteTopicsHandler handler = new DeleteTopicsHandler(fixture.topics);
            DeleteTopicsResponseData byName = handler.handle(fixture.request(ApiKeys.DELETE_TOPICS, 5),
                    new DeleteTopicsRequestData().setTopicNames(List.of("a", "missing"))).join();
            assertEquals(byName.responses().find("a").errorCode(), Errors.NONE.code());
            assertEquals(byName.responses().find("missing").errorCode(), Errors.UNKNOWN_TOPIC_OR_PARTITION.code());
            DeleteTopicsResponseData byId = handler.handle(fixture.request(ApiKeys.DELETE_TOPICS, 6),
                    new DeleteTopicsRequestData().setTopics(List.of(new DeleteTopicState().setName(null).setTopicId(idOfB),
                            new DeleteTopicState().setName(null).setTopicId(Uuid.randomUuid())))).join();
            assertEquals(byId.responses().find("b").errorCode(), Errors.NONE.code());
            assertEquals(byId.responses().stream().filter(r -> r.errorCode() == Errors.UNKNOWN_TOPIC_ID.code()).count(), 1);
            assertFalse(fixture.cluster().topic(fixture.topic("b")).isPresent());
        }
    }
}
