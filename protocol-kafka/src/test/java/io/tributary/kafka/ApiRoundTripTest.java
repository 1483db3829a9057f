package io.tributary.kafka;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertTrue;

import io.netty.channel.embedded.EmbeddedChannel;
import io.tributary.kafka.fakes.FakeModuleContext;
import io.tributary.spi.topic.TopicName;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.message.ApiVersionsResponseData.ApiVersion;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.AbstractResponse;
import org.apache.kafka.common.requests.ApiVersionsResponse;
import org.apache.kafka.common.requests.RequestHeader;
import org.testng.annotations.AfterClass;
import org.testng.annotations.BeforeClass;
import org.testng.annotations.Test;

/**
 * Every API and version the module advertises, through the whole pipeline: a request serialized by
 * kafka-clients, the response parsed by kafka-clients, and no error in it.
 */
public class ApiRoundTripTest {

    private FakeModuleContext context;
    private KafkaProtocolModule module;
    private Uuid topicId;

    @BeforeClass
    public void startModule() {
        context = new FakeModuleContext(Map.of(), KafkaFixture.ENDPOINT);
        module = new KafkaProtocolModule();
        module.start(context).join();
        TopicName topic = TopicName.parse(SampleRequests.TOPIC, "public", "default");
        topicId = new Uuid(context.cluster().createTopic(topic, 1).topicId().getMostSignificantBits(),
                context.cluster().lookup().describe(topic).join().orElseThrow().topicId().getLeastSignificantBits());
    }

    @AfterClass(alwaysRun = true)
    public void stopModule() {
        module.stop();
        context.close();
    }

    @Test
    public void everyAdvertisedVersionRoundTrips() {
        EmbeddedChannel channel = new EmbeddedChannel(module.channelInitializer(context.listener()));
        int correlationId = 0;
        RequestHeader versionsHeader = KafkaWire.header(ApiKeys.API_VERSIONS, 4, correlationId++);
        channel.writeInbound(KafkaWire.frame(versionsHeader, SampleRequests.of(ApiKeys.API_VERSIONS, 4, topicId)));
        ApiVersionsResponse versions = (ApiVersionsResponse) KafkaWire.response(channel.readOutbound(), versionsHeader);
        assertEquals(versions.data().apiKeys().size(), 26);
        int exchanges = 0;
        for (ApiVersion advertised : versions.data().apiKeys()) {
            ApiKeys apiKey = ApiKeys.forId(advertised.apiKey());
            for (short version = advertised.minVersion(); version <= advertised.maxVersion(); version++) {
                prepare(apiKey, version);
                RequestHeader header = KafkaWire.header(apiKey, version, correlationId++);
                channel.writeInbound(KafkaWire.frame(header, SampleRequests.of(apiKey, version, topicId)));
                AbstractResponse response = KafkaWire.response(awaitOutbound(channel), header);
                assertEquals(response.apiKey(), apiKey);
                assertEquals(response.errorCounts().keySet(), SampleRequests.expectedErrors(apiKey, version),
                        apiKey + " v" + version + ": " + response.data());
                exchanges++;
            }
        }
        assertTrue(exchanges > 80, "exchanges: " + exchanges);
        assertTrue(channel.isActive());
        assertFalse(channel.finish());
    }

    /** Group responses may complete on the coordinator's thread, a little after the request was read. */
    private static io.netty.buffer.ByteBuf awaitOutbound(EmbeddedChannel channel) {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
        io.netty.buffer.ByteBuf frame = channel.readOutbound();
        while (frame == null && System.nanoTime() < deadline) {
            Thread.onSpinWait();
            channel.runPendingTasks();
            frame = channel.readOutbound();
        }
        return frame;
    }

    private void prepare(ApiKeys apiKey, short version) {
        if (apiKey == ApiKeys.DELETE_TOPICS) {
            context.cluster().createTopic(TopicName.parse(SampleRequests.versioned("deleted", version), "public", "default"), 1);
        } else if (apiKey == ApiKeys.CREATE_PARTITIONS) {
            context.cluster().createTopic(TopicName.parse(SampleRequests.versioned("grown", version), "public", "default"), 1);
        }
    }
}
