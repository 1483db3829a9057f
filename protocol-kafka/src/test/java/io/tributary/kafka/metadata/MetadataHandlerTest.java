package io.tributary.kafka.metadata;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertTrue;

import io.tributary.kafka.KafkaFixture;
import io.tributary.kafka.api.BrokerNode;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.message.MetadataRequestData;
import org.apache.kafka.common.message.MetadataRequestData.MetadataRequestTopic;
import org.apache.kafka.common.message.MetadataResponseData;
import org.apache.kafka.common.message.MetadataResponseData.MetadataResponseTopic;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.testng.annotations.AfterMethod;
import org.testng.annotations.Test;

public class MetadataHandlerTest {

    private KafkaFixture fixture;

    private MetadataResponseData metadata(Map<String, String> config, int version, MetadataRequestData request) {
        fixture = new KafkaFixture(config);
        fixture.createTopic("existing", 3);
        return new MetadataHandler(fixture.topics, fixture.context.topics(), "cluster-x")
                .handle(fixture.request(ApiKeys.METADATA, version), request).join();
    }

    @AfterMethod(alwaysRun = true)
    public void tearDown() {
        if (fixture != null) {
            fixture.close();
        }
    }

    private static MetadataRequestData topics(boolean autoCreate, String... names) {
        return new MetadataRequestData().setAllowAutoTopicCreation(autoCreate).setTopics(
                java.util.Arrays.stream(names).map(name -> new MetadataRequestTopic().setName(name)).toList());
    }

    private static MetadataResponseTopic topic(MetadataResponseData response, String name) {
        return response.topics().stream().filter(t -> name.equals(t.name())).findFirst().orElseThrow();
    }

    @Test
    public void describesTopicsWithIdsAndThisBrokerAsLeader() {
        MetadataResponseData response = metadata(Map.of(), 12, topics(false, "existing"));
        BrokerNode self = BrokerNode.of(KafkaFixture.ENDPOINT);
        assertEquals(response.clusterId(), "cluster-x");
        assertEquals(response.controllerId(), self.id());
        assertEquals(response.brokers().size(), 1);
        assertEquals(response.brokers().find(self.id()).port(), 9092);
        MetadataResponseTopic topic = topic(response, "existing");
        assertEquals(topic.topicId(), fixture.topicId("existing"));
        assertEquals(topic.partitions().size(), 3);
        topic.partitions().forEach(p -> {
            assertEquals(p.leaderId(), self.id());
            assertEquals(p.replicaNodes(), List.of(self.id()));
        });
    }

    @Test
    public void nodeIdsAreStableForAnEndpoint() {
        assertEquals(BrokerNode.of(KafkaFixture.ENDPOINT).id(), BrokerNode.of(new io.tributary.spi.Endpoint("LOCALHOST", 9092)).id());
        assertTrue(BrokerNode.of(new io.tributary.spi.Endpoint("h", 1)).id() >= 0);
    }

    @Test
    public void autoCreatesWhenClientAndConfigAllow() {
        MetadataResponseData response = metadata(Map.of("defaultPartitions", "2"), 12, topics(true, "fresh"));
        assertEquals(topic(response, "fresh").partitions().size(), 2);
        assertTrue(fixture.cluster().topic(fixture.topic("fresh")).isPresent());
    }

    @Test
    public void noAutoCreateWhenTheClientSaysNo() {
        MetadataResponseData response = metadata(Map.of(), 12, topics(false, "fresh"));
        assertEquals(topic(response, "fresh").errorCode(), Errors.UNKNOWN_TOPIC_OR_PARTITION.code());
        assertFalse(fixture.cluster().topic(fixture.topic("fresh")).isPresent());
    }

    @Test
    public void noAutoCreateWhenConfigSaysNo() {
        MetadataResponseData response = metadata(Map.of("autoCreateTopics", "false"), 12, topics(true, "fresh"));
        assertEquals(topic(response, "fresh").errorCode(), Errors.UNKNOWN_TOPIC_OR_PARTITION.code());
    }

    @Test
    public void invalidNames() {
        MetadataResponseData response = metadata(Map.of(), 12, topics(true, "no spaces", "a-partition-1"));
        assertEquals(topic(response, "no spaces").errorCode(), Errors.INVALID_TOPIC_EXCEPTION.code());
        assertEquals(topic(response, "a-partition-1").errorCode(), Errors.INVALID_TOPIC_EXCEPTION.code());
    }

    @Test
    public void allTopicsWhenNoneNamed() {
        MetadataResponseData response = metadata(Map.of(), 12, new MetadataRequestData().setTopics(null));
        assertEquals(response.topics().size(), 1);
        assertEquals(metadata(Map.of(), 0, new MetadataRequestData()).topics().size(), 1);
    }

    @Test
    public void topicsByIdFromVersion10() {
        fixture = new KafkaFixture();
        fixture.createTopic("existing", 1);
        Uuid id = fixture.topicId("existing");
        MetadataHandler handler = new MetadataHandler(fixture.topics, fixture.context.topics(), "c");
        MetadataResponseData response = handler.handle(fixture.request(ApiKeys.METADATA, 12), new MetadataRequestData()
                .setTopics(List.of(new MetadataRequestTopic().setName(null).setTopicId(id),
                        new MetadataRequestTopic().setName(null).setTopicId(Uuid.randomUuid())))).join();
        assertEquals(response.topics().find("existing").topicId(), id);
        assertTrue(response.topics().stream().anyMatch(t -> t.errorCode() == Errors.UNKNOWN_TOPIC_ID.code()));
    }

    @Test
    public void partitionsOwnedElsewhereListTheOtherBroker() {
        fixture = new KafkaFixture();
        fixture.createTopic("spread", 2);
        fixture.cluster().moveAway(fixture.topic("spread"), 1);
        MetadataResponseData response = new MetadataHandler(fixture.topics, fixture.context.topics(), "c")
                .handle(fixture.request(ApiKeys.METADATA, 12), topics(false, "spread")).join();
        assertEquals(response.brokers().size(), 2);
        int other = BrokerNode.of(fixture.cluster().otherBroker()).id();
        assertEquals(topic(response, "spread").partitions().get(1).leaderId(), other);
        assertEquals(response.brokers().find(other).host(), "other.example");
    }

    @Test
    public void listsEveryBrokerWhenNoRequestedPartitionIsLedThere() {
        fixture = new KafkaFixture();
        fixture.createTopic("local", 1);
        fixture.createTopic("elsewhere", 1);
        fixture.cluster().moveAway(fixture.topic("elsewhere"), 0);
        MetadataResponseData response = new MetadataHandler(fixture.topics, fixture.context.topics(), "c")
                .handle(fixture.request(ApiKeys.METADATA, 12), topics(false, "local")).join();
        assertEquals(response.brokers().stream().map(b -> b.host()).sorted().toList(),
                List.of("localhost", "other.example"));
        assertEquals(topic(response, "local").partitions().get(0).leaderId(),
                BrokerNode.of(KafkaFixture.ENDPOINT).id());
    }
}
