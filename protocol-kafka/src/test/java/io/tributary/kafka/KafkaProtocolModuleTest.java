package io.tributary.kafka;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertTrue;
import static org.testng.Assert.expectThrows;

import io.netty.channel.embedded.EmbeddedChannel;
import io.tributary.kafka.fakes.FakeModuleContext;
import io.tributary.spi.Endpoint;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletionException;
import org.apache.kafka.common.message.DescribeClusterRequestData;
import org.apache.kafka.common.message.DescribeClusterResponseData;
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
}
