package io.tributary.kafka.admin;

import static org.testng.Assert.assertEquals;

import io.tributary.kafka.KafkaFixture;
import java.util.Map;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.message.AlterConfigsRequestData;
import org.apache.kafka.common.message.AlterConfigsRequestData.AlterConfigsResource;
import org.apache.kafka.common.message.AlterConfigsRequestData.AlterableConfig;
import org.apache.kafka.common.message.AlterConfigsResponseData.AlterConfigsResourceResponse;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.testng.annotations.Test;

public class AlterConfigsHandlerTest {

    private static AlterConfigsHandler handler(KafkaFixture fixture) {
        return new AlterConfigsHandler(new TopicConfigAlteration(fixture.topics, 1048588));
    }

    private static AlterConfigsResourceResponse replace(KafkaFixture fixture, ConfigResource.Type type, String name,
                                                        Map<String, String> settings) {
        AlterConfigsResource resource = new AlterConfigsResource().setResourceType(type.id()).setResourceName(name);
        settings.forEach((key, value) -> resource.configs().add(new AlterableConfig().setName(key).setValue(value)));
        AlterConfigsRequestData request = new AlterConfigsRequestData();
        request.resources().add(resource);
        return handler(fixture)
                .handle(fixture.request(ApiKeys.ALTER_CONFIGS, 2), request).join().responses().get(0);
    }

    @Test
    public void replacesEveryTopicSetting() {
        try (KafkaFixture fixture = new KafkaFixture()) {
            fixture.topics.create(fixture.topic("t"), 1, Map.of("retention.ms", "5")).join();
            assertEquals(replace(fixture, ConfigResource.Type.TOPIC, "t", Map.of("retention.bytes", "1024")).errorCode(),
                    Errors.NONE.code());
            assertEquals(fixture.topics.describe(fixture.topic("t")).join().orElseThrow().config(),
                    Map.of("retention.bytes", "1024"));
        }
    }

    @Test
    public void refusesUnknownSettingsMissingTopicsAndBrokers() {
        try (KafkaFixture fixture = new KafkaFixture()) {
            fixture.topics.create(fixture.topic("t"), 1, Map.of("retention.ms", "5")).join();
            assertEquals(replace(fixture, ConfigResource.Type.TOPIC, "t", Map.of("no.such.key", "1")).errorCode(),
                    Errors.INVALID_CONFIG.code());
            assertEquals(fixture.topics.describe(fixture.topic("t")).join().orElseThrow().config(),
                    Map.of("retention.ms", "5"));
            AlterConfigsResource twice = new AlterConfigsResource().setResourceType(ConfigResource.Type.TOPIC.id())
                    .setResourceName("t");
            twice.configs().add(new AlterableConfig().setName("retention.ms").setValue("1"));
            twice.configs().add(new AlterableConfig().setName("retention.ms").setValue("2"));
            AlterConfigsRequestData request = new AlterConfigsRequestData();
            request.resources().add(twice);
            assertEquals(handler(fixture).handle(fixture.request(ApiKeys.ALTER_CONFIGS, 0),
                    request).join().responses().get(0).errorCode(), Errors.INVALID_REQUEST.code());
            assertEquals(replace(fixture, ConfigResource.Type.TOPIC, "missing", Map.of()).errorCode(),
                    Errors.UNKNOWN_TOPIC_OR_PARTITION.code());
            assertEquals(replace(fixture, ConfigResource.Type.BROKER, "1", Map.of("num.partitions", "2")).errorCode(),
                    Errors.INVALID_REQUEST.code());
        }
    }
}
