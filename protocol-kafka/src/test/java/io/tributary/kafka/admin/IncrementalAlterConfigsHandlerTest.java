package io.tributary.kafka.admin;

import static org.testng.Assert.assertEquals;

import io.tributary.kafka.KafkaFixture;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.AlterConfigOp.OpType;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.message.IncrementalAlterConfigsRequestData;
import org.apache.kafka.common.message.IncrementalAlterConfigsRequestData.AlterConfigsResource;
import org.apache.kafka.common.message.IncrementalAlterConfigsRequestData.AlterableConfig;
import org.apache.kafka.common.message.IncrementalAlterConfigsResponseData.AlterConfigsResourceResponse;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.testng.annotations.Test;

public class IncrementalAlterConfigsHandlerTest {

    private static AlterableConfig op(String name, OpType type, String value) {
        return new AlterableConfig().setName(name).setConfigOperation(type.id()).setValue(value);
    }

    private static IncrementalAlterConfigsHandler handler(KafkaFixture fixture) {
        return new IncrementalAlterConfigsHandler(new TopicConfigAlteration(fixture.topics, 1048588));
    }

    private static AlterConfigsResourceResponse alter(KafkaFixture fixture, ConfigResource.Type type, String name,
                                                      boolean validateOnly, AlterableConfig... ops) {
        AlterConfigsResource resource = new AlterConfigsResource().setResourceType(type.id()).setResourceName(name);
        for (AlterableConfig op : ops) {
            resource.configs().add(op);
        }
        IncrementalAlterConfigsRequestData request = new IncrementalAlterConfigsRequestData()
                .setValidateOnly(validateOnly);
        request.resources().add(resource);
        return handler(fixture)
                .handle(fixture.request(ApiKeys.INCREMENTAL_ALTER_CONFIGS, 1), request).join().responses().get(0);
    }

    private static Map<String, String> config(KafkaFixture fixture, String topic) {
        return fixture.topics.describe(fixture.topic(topic)).join().orElseThrow().config();
    }

    @Test
    public void setsAndDeletesTopicSettings() {
        try (KafkaFixture fixture = new KafkaFixture()) {
            fixture.topics.create(fixture.topic("t"), 1, Map.of("retention.ms", "5", "retention.bytes", "100")).join();
            AlterConfigsResourceResponse response = alter(fixture, ConfigResource.Type.TOPIC, "t", false,
                    op("retention.ms", OpType.SET, "3600000"), op("retention.bytes", OpType.DELETE, null));
            assertEquals(response.errorCode(), Errors.NONE.code());
            assertEquals(response.resourceName(), "t");
            assertEquals(config(fixture, "t"), Map.of("retention.ms", "3600000"));
        }
    }

    @Test
    public void recordsKafkaLogSettingsAndAcceptsFixedOnesAtTheirValueWithoutStoringThem() {
        try (KafkaFixture fixture = new KafkaFixture()) {
            fixture.topics.create(fixture.topic("t"), 1, Map.of()).join();
            assertEquals(alter(fixture, ConfigResource.Type.TOPIC, "t", false,
                    op("segment.ms", OpType.SET, "600000"), op("message.timestamp.type", OpType.SET, "CreateTime"))
                    .errorCode(), Errors.NONE.code());
            assertEquals(config(fixture, "t"), Map.of("segment.ms", "600000"));
            assertEquals(alter(fixture, ConfigResource.Type.TOPIC, "t", false,
                    op("segment.ms", OpType.SET, "0")).errorCode(), Errors.INVALID_CONFIG.code());
            assertEquals(alter(fixture, ConfigResource.Type.TOPIC, "t", false,
                    op("compression.type", OpType.SET, "lz4")).errorCode(), Errors.INVALID_CONFIG.code());
            assertEquals(config(fixture, "t"), Map.of("segment.ms", "600000"));
        }
    }

    @Test
    public void appendsToAndSubtractsFromListSettingsStartingFromTheDefault() {
        try (KafkaFixture fixture = new KafkaFixture()) {
            fixture.topics.create(fixture.topic("t"), 1, Map.of()).join();
            assertEquals(alter(fixture, ConfigResource.Type.TOPIC, "t", false,
                    op("cleanup.policy", OpType.APPEND, "compact,delete")).errorCode(), Errors.NONE.code());
            assertEquals(config(fixture, "t"), Map.of("cleanup.policy", "delete,compact"));
            assertEquals(alter(fixture, ConfigResource.Type.TOPIC, "t", false,
                    op("cleanup.policy", OpType.SUBTRACT, "delete")).errorCode(), Errors.NONE.code());
            assertEquals(config(fixture, "t"), Map.of("cleanup.policy", "compact"));
            AlterConfigsResourceResponse notAList = alter(fixture, ConfigResource.Type.TOPIC, "t", false,
                    op("retention.ms", OpType.APPEND, "5"));
            assertEquals(notAList.errorCode(), Errors.INVALID_CONFIG.code());
        }
    }

    @Test
    public void deletingAKeyThatIsNotSetChangesNothing() {
        try (KafkaFixture fixture = new KafkaFixture()) {
            fixture.topics.create(fixture.topic("t"), 1, Map.of("retention.ms", "5")).join();
            assertEquals(alter(fixture, ConfigResource.Type.TOPIC, "t", false, op("no.such.key", OpType.DELETE, null),
                    op("max.message.bytes", OpType.DELETE, null)).errorCode(), Errors.NONE.code());
            assertEquals(config(fixture, "t"), Map.of("retention.ms", "5"));
        }
    }

    @Test
    public void aMalformedRequestIsRefusedBeforeTheTopicIsLookedUp() {
        try (KafkaFixture fixture = new KafkaFixture()) {
            assertEquals(alter(fixture, ConfigResource.Type.TOPIC, "missing", false,
                    op("retention.ms", OpType.SET, null)).errorCode(), Errors.INVALID_REQUEST.code());
        }
    }

    @Test
    public void validateOnlyChangesNothing() {
        try (KafkaFixture fixture = new KafkaFixture()) {
            fixture.topics.create(fixture.topic("t"), 1, Map.of()).join();
            assertEquals(alter(fixture, ConfigResource.Type.TOPIC, "t", true,
                    op("retention.ms", OpType.SET, "60000")).errorCode(), Errors.NONE.code());
            assertEquals(config(fixture, "t"), Map.of());
            assertEquals(alter(fixture, ConfigResource.Type.TOPIC, "t", true,
                    op("retention.ms", OpType.SET, "soon")).errorCode(), Errors.INVALID_CONFIG.code());
            assertEquals(alter(fixture, ConfigResource.Type.TOPIC, "t", true,
                    op("cleanup.policy", OpType.SET, "forever")).errorCode(), Errors.INVALID_CONFIG.code());
        }
    }

    @Test
    public void refusesWhatCannotBeAlteredAndLeavesTheTopicAsItWas() {
        try (KafkaFixture fixture = new KafkaFixture()) {
            fixture.topics.create(fixture.topic("t"), 1, Map.of("retention.ms", "5")).join();
            assertEquals(alter(fixture, ConfigResource.Type.TOPIC, "t", false,
                    op("retention.ms", OpType.SET, "10"), op("no.such.key", OpType.SET, "1")).errorCode(),
                    Errors.INVALID_CONFIG.code());
            assertEquals(alter(fixture, ConfigResource.Type.TOPIC, "t", false,
                    op("max.message.bytes", OpType.SET, "10")).errorCode(), Errors.INVALID_CONFIG.code());
            assertEquals(alter(fixture, ConfigResource.Type.TOPIC, "t", false,
                    op("retention.ms", OpType.SET, "-5")).errorCode(), Errors.INVALID_CONFIG.code());
            assertEquals(alter(fixture, ConfigResource.Type.TOPIC, "t", false,
                    op("cleanup.policy", OpType.SUBTRACT, "delete")).errorCode(), Errors.INVALID_CONFIG.code());
            assertEquals(alter(fixture, ConfigResource.Type.TOPIC, "t", false,
                    op("retention.ms", OpType.SET, "1"), op("retention.ms", OpType.DELETE, null)).errorCode(),
                    Errors.INVALID_REQUEST.code());
            assertEquals(alter(fixture, ConfigResource.Type.TOPIC, "t", false,
                    op("retention.ms", OpType.SET, null)).errorCode(), Errors.INVALID_REQUEST.code());
            assertEquals(alter(fixture, ConfigResource.Type.TOPIC, "t", false,
                    new AlterableConfig().setName("retention.ms").setConfigOperation((byte) 9).setValue("1"))
                    .errorCode(), Errors.INVALID_REQUEST.code());
            assertEquals(config(fixture, "t"), Map.of("retention.ms", "5"));
            assertEquals(alter(fixture, ConfigResource.Type.TOPIC, "missing", false,
                    op("retention.ms", OpType.SET, "10")).errorCode(), Errors.UNKNOWN_TOPIC_OR_PARTITION.code());
            assertEquals(alter(fixture, ConfigResource.Type.BROKER, "1", false,
                    op("num.partitions", OpType.SET, "3")).errorCode(), Errors.INVALID_REQUEST.code());
        }
    }

    @Test
    public void answersEveryResourceOfTheRequest() {
        try (KafkaFixture fixture = new KafkaFixture()) {
            fixture.topics.create(fixture.topic("a"), 1, Map.of()).join();
            IncrementalAlterConfigsRequestData request = new IncrementalAlterConfigsRequestData();
            for (String name : List.of("a", "missing", "twice", "twice")) {
                AlterConfigsResource resource = new AlterConfigsResource()
                        .setResourceType(ConfigResource.Type.TOPIC.id()).setResourceName(name);
                resource.configs().add(op("retention.ms", OpType.SET, "60000"));
                request.resources().add(resource);
            }
            List<AlterConfigsResourceResponse> responses = handler(fixture)
                    .handle(fixture.request(ApiKeys.INCREMENTAL_ALTER_CONFIGS, 0), request).join().responses();
            assertEquals(responses.stream().map(AlterConfigsResourceResponse::errorCode).toList(),
                    List.of(Errors.NONE.code(), Errors.UNKNOWN_TOPIC_OR_PARTITION.code(), Errors.INVALID_REQUEST.code(),
                            Errors.INVALID_REQUEST.code()));
        }
    }
}
