package io.tributary.kafka.admin;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertTrue;

import io.tributary.kafka.KafkaFixture;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.message.CreateTopicsRequestData;
import org.apache.kafka.common.message.CreateTopicsRequestData.CreatableReplicaAssignment;
import org.apache.kafka.common.message.CreateTopicsRequestData.CreatableTopic;
import org.apache.kafka.common.message.CreateTopicsRequestData.CreatableTopicConfig;
import org.apache.kafka.common.message.CreateTopicsResponseData.CreatableTopicResult;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.DescribeConfigsResponse.ConfigSource;
import org.testng.annotations.AfterMethod;
import org.testng.annotations.BeforeMethod;
import org.testng.annotations.Test;

public class CreateTopicsHandlerTest {

    private KafkaFixture fixture;
    private CreateTopicsHandler handler;

    @BeforeMethod
    public void setUp() {
        fixture = new KafkaFixture(Map.of("defaultPartitions", "3"));
        handler = new CreateTopicsHandler(fixture.topics, 1000);
    }

    @AfterMethod(alwaysRun = true)
    public void tearDown() {
        fixture.close();
    }

    private CreatableTopicResult create(CreatableTopic topic, boolean validateOnly) {
        CreateTopicsRequestData request = new CreateTopicsRequestData().setValidateOnly(validateOnly);
        request.topics().add(topic);
        return handler.handle(fixture.request(ApiKeys.CREATE_TOPICS, 7), request).join().topics().iterator().next();
    }

    @Test
    public void createsWithDefaultsAndConfigs() {
        CreatableTopic topic = new CreatableTopic().setName("a").setNumPartitions(-1).setReplicationFactor((short) -1);
        topic.configs().add(new CreatableTopicConfig().setName("retention.ms").setValue("1000"));
        CreatableTopicResult result = create(topic, false);
        assertEquals(result.errorCode(), Errors.NONE.code());
        assertEquals(result.numPartitions(), 3);
        assertEquals(result.topicId(), fixture.topicId("a"));
        assertEquals(fixture.cluster().topic(fixture.topic("a")).orElseThrow().config(), Map.of("retention.ms", "1000"));
        assertTrue(result.configs().stream().anyMatch(c -> c.name().equals("retention.ms") && c.value().equals("1000")));
        assertEquals(create(new CreatableTopic().setName("a").setNumPartitions(1), false).errorCode(),
                Errors.TOPIC_ALREADY_EXISTS.code());
    }

    @Test
    public void acceptsKafkaLogSettingsAndRefusesFixedOnesWithTheReason() {
        CreatableTopic repartition = new CreatableTopic().setName("app-repartition").setNumPartitions(2);
        Map<String, String> streamsSettings = Map.of("cleanup.policy", "delete", "segment.bytes", "52428800",
                "retention.ms", "-1", "message.timestamp.type", "CreateTime", "min.cleanable.dirty.ratio", "0.1");
        streamsSettings.forEach((name, value) -> repartition.configs().add(config(name, value)));
        CreatableTopicResult created = create(repartition, false);
        assertEquals(created.errorCode(), Errors.NONE.code(), created.errorMessage());
        Map<String, String> stored = new HashMap<>(streamsSettings);
        stored.remove("message.timestamp.type");
        assertEquals(fixture.cluster().topic(fixture.topic("app-repartition")).orElseThrow().config(), stored,
                "stored settings: a read-only key at its fixed value is not stored");
        assertTrue(created.configs().stream().anyMatch(c -> c.name().equals("segment.bytes")
                && c.value().equals("52428800") && c.configSource() == ConfigSource.TOPIC_CONFIG.id()));

        CreatableTopic appendTime = new CreatableTopic().setName("h").setNumPartitions(1);
        appendTime.configs().add(config("message.timestamp.type", "LogAppendTime"));
        CreatableTopicResult refused = create(appendTime, false);
        assertEquals(refused.errorCode(), Errors.INVALID_CONFIG.code());
        assertTrue(refused.errorMessage().contains("message.timestamp.type is fixed at CreateTime"),
                refused.errorMessage());
        CreatableTopic replicas = new CreatableTopic().setName("i").setNumPartitions(1);
        replicas.configs().add(config("min.insync.replicas", "2"));
        refused = create(replicas, false);
        assertEquals(refused.errorCode(), Errors.INVALID_CONFIG.code());
        assertTrue(refused.errorMessage().contains("ack quorum"), refused.errorMessage());
        for (Map.Entry<String, String> bad : Map.of("min.cleanable.dirty.ratio", "half", "segment.bytes", "1000",
                "min.compaction.lag.ms", "-1", "compression.zstd.level", "23", "compression.gzip.level", "0",
                "leader.replication.throttled.replicas", "0:1,x").entrySet()) {
            CreatableTopic badValue = new CreatableTopic().setName("j").setNumPartitions(1);
            badValue.configs().add(config(bad.getKey(), bad.getValue()));
            CreatableTopicResult badResult = create(badValue, false);
            assertEquals(badResult.errorCode(), Errors.INVALID_CONFIG.code(), bad.toString());
            assertTrue(badResult.errorMessage().contains(bad.getKey()), badResult.errorMessage());
        }
        CreatableTopic noValue = new CreatableTopic().setName("j").setNumPartitions(1);
        noValue.configs().add(config("compression.type", null));
        assertEquals(create(noValue, false).errorCode(), Errors.INVALID_CONFIG.code());
        CreatableTopic throttled = new CreatableTopic().setName("k").setNumPartitions(1);
        throttled.configs().add(config("follower.replication.throttled.replicas", "0:1, 1:1"));
        assertEquals(create(throttled, false).errorCode(), Errors.NONE.code());
        assertFalse(fixture.cluster().topic(fixture.topic("h")).isPresent());
    }

    private static CreatableTopicConfig config(String name, String value) {
        return new CreatableTopicConfig().setName(name).setValue(value);
    }

    @Test
    public void validateOnlyCreatesNothing() {
        assertEquals(create(new CreatableTopic().setName("b").setNumPartitions(2), true).errorCode(), Errors.NONE.code());
        assertFalse(fixture.cluster().topic(fixture.topic("b")).isPresent());
        fixture.createTopic("c", 1);
        assertEquals(create(new CreatableTopic().setName("c").setNumPartitions(2), true).errorCode(),
                Errors.TOPIC_ALREADY_EXISTS.code());
    }

    @Test
    public void refusals() {
        assertEquals(create(new CreatableTopic().setName("bad/name/x/y").setNumPartitions(1), false).errorCode(),
                Errors.INVALID_TOPIC_EXCEPTION.code());
        assertEquals(create(new CreatableTopic().setName("d").setNumPartitions(0), false).errorCode(),
                Errors.INVALID_PARTITIONS.code());
        CreatableTopic assigned = new CreatableTopic().setName("e").setNumPartitions(-1);
        assigned.assignments().add(new CreatableReplicaAssignment().setPartitionIndex(0));
        assertEquals(create(assigned, false).errorCode(), Errors.INVALID_REPLICA_ASSIGNMENT.code());
        CreatableTopic unknownConfig = new CreatableTopic().setName("f").setNumPartitions(1);
        unknownConfig.configs().add(new CreatableTopicConfig().setName("no.such.config").setValue("1"));
        assertEquals(create(unknownConfig, false).errorCode(), Errors.INVALID_CONFIG.code());
        CreatableTopic badValue = new CreatableTopic().setName("g").setNumPartitions(1);
        badValue.configs().add(new CreatableTopicConfig().setName("retention.ms").setValue("soon"));
        assertEquals(create(badValue, false).errorCode(), Errors.INVALID_CONFIG.code());
    }
}
