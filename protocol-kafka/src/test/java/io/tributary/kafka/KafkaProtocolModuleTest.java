package io.tributary.kafka;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertTrue;
import static org.testng.Assert.expectThrows;

import io.netty.channel.embedded.EmbeddedChannel;
import io.tributary.kafka.api.ApiHandler;
import io.tributary.kafka.api.DelayedTasks;
import io.tributary.kafka.api.ResponseErrors;
import io.tributary.kafka.fakes.FakeModuleContext;
import io.tributary.kafka.fakes.FakeModuleMetrics;
import io.tributary.kafka.fetch.FetchSessionCache;
import io.tributary.kafka.topic.KafkaTopics;
import io.tributary.spi.Endpoint;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import org.apache.kafka.common.message.DescribeClusterRequestData;
import org.apache.kafka.common.message.DescribeClusterResponseData;
import org.apache.kafka.common.message.MetadataRequestData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.requests.RequestHeader;
import org.testng.annotations.Test;

public class KafkaProtocolModuleTest {

    @Test
    public void badConfigurationFailsStartNamingTheKey() {
        try (FakeModuleContext context = new FakeModuleContext(Map.of("maxRequestSize", "-1"), KafkaFixture.ENDPOINT)) {
            CompletionException e = expectThrows(CompletionException.class,
                    () -> new KafkaProtocolModule().start(context).join());
            assertTrue(e.getCause().getMessage().contains("maxRequestSize"), e.getCause().getMessage());
        }
    }

    @Test
    public void advertisesTheConfiguredEndpoint() {
        try (FakeModuleContext context = new FakeModuleContext(Map.of("advertisedListeners", "kafka://public.example:19092"),
                KafkaFixture.ENDPOINT)) {
            KafkaProtocolModule module = new KafkaProtocolModule();
            module.start(context).join();
            EmbeddedChannel channel = new EmbeddedChannel(module.channelInitializer(context.listener()));
            RequestHeader header = KafkaWire.header(ApiKeys.DESCRIBE_CLUSTER, 1, 3);
            channel.writeInbound(KafkaWire.frame(header, new DescribeClusterRequestData()));
            DescribeClusterResponseData response = (DescribeClusterResponseData) KafkaWire.response(channel.readOutbound(), header).data();
            assertEquals(response.brokers().iterator().next().host(), "public.example");
            assertEquals(response.brokers().iterator().next().port(), 19092);
            assertEquals(module.connectionCount(), 1);
            assertTrue(module.drain(Duration.ofSeconds(1)).isDone());
            channel.finishAndReleaseAll();
            module.stop();
            assertEquals(module.connectionCount(), 0);
            expectThrows(IllegalStateException.class, () -> module.channelInitializer(context.listener()));
        }
    }

    @Test
    public void restartsAfterStop() {
        try (FakeModuleContext context = new FakeModuleContext(Map.of(), new Endpoint("h", 1))) {
            KafkaProtocolModule module = new KafkaProtocolModule();
            module.start(context).join();
            module.stop();
            module.start(context).join();
            module.stop();
        }
    }

    @Test
    public void countsRequestsTheirErrorsAndConnectionsInTheModulesMetrics() {
        try (FakeModuleContext context = new FakeModuleContext()) {
            KafkaProtocolModule module = new KafkaProtocolModule();
            module.start(context).join();
            EmbeddedChannel channel = new EmbeddedChannel(module.channelInitializer(context.listener()));
            RequestHeader cluster = KafkaWire.header(ApiKeys.DESCRIBE_CLUSTER, 1, 1);
            channel.writeInbound(KafkaWire.frame(cluster, new DescribeClusterRequestData()));
            KafkaWire.response(channel.readOutbound(), cluster);
            for (int correlationId = 2; correlationId <= 3; correlationId++) {
                RequestHeader metadata = KafkaWire.header(ApiKeys.METADATA, 12, correlationId);
                channel.writeInbound(KafkaWire.frame(metadata, new MetadataRequestData().setAllowAutoTopicCreation(false)
                        .setTopics(List.of(new MetadataRequestData.MetadataRequestTopic().setName("absent")))));
                KafkaWire.response(channel.readOutbound(), metadata);
            }

            FakeModuleMetrics metrics = context.fakeMetrics();
            assertEquals(metrics.counterValue("requests_total", Map.of("api", "DescribeCluster")), 1);
            assertEquals(metrics.counterValue("requests_total", Map.of("api", "Metadata")), 2);
            assertEquals(metrics.counterValue("requests_total", Map.of("api", "Produce")), 0);
            assertEquals(metrics.counterValue("request_errors_total",
                    Map.of("api", "Metadata", "error", "UNKNOWN_TOPIC_OR_PARTITION")), 2);
            assertEquals(metrics.counterValue("request_errors_total",
                    Map.of("api", "DescribeCluster", "error", "NONE")), 0);
            assertEquals(metrics.observed("request_duration_seconds", Map.of("api", "Metadata")).size(), 2);
            assertEquals(metrics.gaugeValue("connections", Map.of()), 1);
            channel.finishAndReleaseAll();
            assertEquals(metrics.gaugeValue("connections", Map.of()), 0);
            module.stop();
        }
    }

    @Test
    public void everyServedApiHasItsErrorsCounted() {
        try (FakeModuleContext context = new FakeModuleContext()) {
            KafkaConfig config = KafkaConfig.from(Map.of());
            List<ApiKeys> unknown = KafkaProtocolModule.handlers(context, config,
                            new KafkaTopics(context.topics(), context.logs(), config),
                            new DelayedTasks(context.scheduler()), new FetchSessionCache(1)).stream()
                    .map(ApiHandler::apiKey).filter(api -> !ResponseErrors.knows(api)).toList();
            assertEquals(unknown, List.of());
            assertTrue(ResponseErrors.knows(ApiKeys.API_VERSIONS));
        }
    }
}
