package io.tributary.kafka.admin;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertNotNull;

import io.tributary.kafka.KafkaFixture;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.message.DescribeConfigsRequestData;
import org.apache.kafka.common.message.DescribeConfigsRequestData.DescribeConfigsResource;
import org.apache.kafka.common.message.DescribeConfigsResponseData.DescribeConfigsResourceResult;
import org.apache.kafka.common.message.DescribeConfigsResponseData.DescribeConfigsResult;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.DescribeConfigsResponse.ConfigSource;
import org.testng.annotations.Test;

public class DescribeConfigsHandlerTest {

    private static DescribeConfigsResult describe(KafkaFixture fixture, byte type, String name, List<String> keys) {
        return new DescribeConfigsHandler(fixture.topics, fixture.config).handle(
                fixture.request(ApiKeys.DESCRIBE_CONFIGS, 4), new DescribeConfigsRequestData()
                        .setIncludeSynonyms(true).setIncludeDocumentation(true)
                        .setResources(List.of(new DescribeConfigsResource().setResourceType(type).setResourceName(name)
                                .setConfigurationKeys(keys)))).join().results().get(0);
    }

    private static DescribeConfigsResourceResult entry(DescribeConfigsResult result, String name) {
        return result.configs().stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    public void topicDefaultsAndOverrides() {
        try (KafkaFixture fixture = new KafkaFixture()) {
            fixture.topics.create(fixture.topic("t"), 1, Map.of("retention.ms", "5")).join();
            DescribeConfigsResult result = describe(fixture, (byte) 2, "t", null);
            assertEquals(entry(result, "retention.ms").value(), "5");
            assertEquals(entry(result, "retention.ms").configSource(), ConfigSource.TOPIC_CONFIG.id());
            assertEquals(entry(result, "cleanup.policy").value(), "delete");
            assertEquals(entry(result, "cleanup.policy").configSource(), ConfigSource.DEFAULT_CONFIG.id());
            assertEquals(entry(result, "max.message.bytes").value(), "1048588");
            assertNotNull(entry(result, "cleanup.policy").documentation());
            assertEquals(describe(fixture, (byte) 2, "t", List.of("retention.bytes")).configs().size(), 1);
            assertEquals(describe(fixture, (byte) 2, "missing", null).errorCode(), Errors.UNKNOWN_TOPIC_OR_PARTITION.code());
        }
    }

    @Test
    public void brokerSettingsComeFromTheModuleConfig() {
        try (KafkaFixture fixture = new KafkaFixture(Map.of("defaultPartitions", "6"))) {
            DescribeConfigsResult result = describe(fixture, (byte) 4, "", null);
            assertEquals(entry(result, "num.partitions").value(), "6");
            assertEquals(entry(result, "auto.create.topics.enable").value(), "true");
            assertEquals(describe(fixture, (byte) 8, "", null).errorCode(), Errors.INVALID_REQUEST.code());
        }
    }
}
