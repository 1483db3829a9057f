package io.tributary.kafka;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertTrue;
import static org.testng.Assert.fail;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.tributary.kafka.fakes.FakeModuleContext;
import io.tributary.spi.topic.TopicName;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.ApiVersionsResponse;
import org.apache.kafka.common.requests.RequestHeader;
import org.testng.annotations.AfterClass;
import org.testng.annotations.BeforeClass;
import org.testng.annotations.Test;

/**
 * Random frames and mutations of valid ones never escape the pipeline as exceptions and never leave a
 * complete frame unanswered: the connection is answered or closed (only a fetch may still be waiting
 * for data). A fresh connection works afterwards.
 */
public class PipelineFuzzTest {

    private static final long SEED = 20240611L;
    private static final int CASES = 3000;
    private static final List<ApiKeys> MUTATED = List.of(ApiKeys.API_VERSIONS, ApiKeys.METADATA, ApiKeys.PRODUCE,
            ApiKeys.FETCH, ApiKeys.LIST_OFFSETS, ApiKeys.DELETE_RECORDS, ApiKeys.DESCRIBE_CONFIGS,
            ApiKeys.DESCRIBE_CLUSTER, ApiKeys.INIT_PRODUCER_ID, ApiKeys.DELETE_TOPICS);

    private FakeModuleContext context;
    private KafkaProtocolModule module;
    private Uuid topicId;

    @BeforeClass
    public void startModule() {
        context = new FakeModuleContext(Map.of("maxRequestSize", "65536"), KafkaFixture.ENDPOINT);
        module = new KafkaProtocolModule();
        module.start(context).join();
        TopicName topic = TopicName.parse(SampleRequests.TOPIC, "public", "default");
        java.util.UUID id = context.cluster().createTopic(topic, 1).topicId();
        topicId = new Uuid(id.getMostSignificantBits(), id.getLeastSignificantBits());
    }

    @AfterClass(alwaysRun = true)
    public void stopModule() {
        module.stop();
        context.close();
    }

    @Test
    public void randomAndMutatedFramesAreAnsweredOrRefused() {
        Random random = new Random(SEED);
        for (int i = 0; i < CASES; i++) {
            byte[] payload = i % 4 == 0 ? randomPayload(random) : mutatedPayload(random);
            EmbeddedChannel channel = new EmbeddedChannel(module.channelInitializer(context.listener()));
            try {
                channel.writeInbound(Unpooled.buffer().writeInt(payload.length).writeBytes(payload));
                channel.runPendingTasks();
                ByteBuf response = channel.readOutbound();
                if (response != null) {
                    assertEquals(response.readInt(), response.readableBytes(), "case " + i);
                    response.release();
                } else if (channel.isActive() && !maybeWaitingFetch(payload)) {
                    fail("case " + i + " (seed " + SEED + ") was neither answered nor refused");
                }
            } catch (RuntimeException e) {
                throw new AssertionError("case " + i + " (seed " + SEED + ") escaped the pipeline", e);
            } finally {
                channel.finishAndReleaseAll();
            }
        }
        assertAGoodConnectionWorks();
    }

    private void assertAGoodConnectionWorks() {
        EmbeddedChannel channel = new EmbeddedChannel(module.channelInitializer(context.listener()));
        RequestHeader header = KafkaWire.header(ApiKeys.API_VERSIONS, 3, 1);
        channel.writeInbound(KafkaWire.frame(header, SampleRequests.of(ApiKeys.API_VERSIONS, 3, topicId)));
        ApiVersionsResponse response = (ApiVersionsResponse) KafkaWire.response(channel.readOutbound(), header);
        assertEquals(response.data().errorCode(), Errors.NONE.code());
        assertTrue(channel.isActive());
        assertFalse(channel.finish());
    }

    private static boolean maybeWaitingFetch(byte[] payload) {
        return payload.length >= 2 && ((payload[0] << 8) | (payload[1] & 0xff)) == ApiKeys.FETCH.id;
    }

    private static byte[] randomPayload(Random random) {
        byte[] bytes = new byte[random.nextInt(64)];
        random.nextBytes(bytes);
        if (bytes.length >= 4 && random.nextBoolean()) {
            ApiKeys apiKey = MUTATED.get(random.nextInt(MUTATED.size()));
            bytes[0] = (byte) (apiKey.id >> 8);
            bytes[1] = (byte) apiKey.id;
            bytes[2] = 0;
            bytes[3] = (byte) random.nextInt(apiKey.latestVersion() + 2);
        }
        return bytes;
    }

    private byte[] mutatedPayload(Random random) {
        ApiKeys apiKey = MUTATED.get(random.nextInt(MUTATED.size()));
        int version = apiKey.oldestVersion() + random.nextInt(apiKey.latestVersion() - apiKey.oldestVersion() + 1);
        ByteBuf frame = KafkaWire.frame(KafkaWire.header(apiKey, version, random.nextInt()),
                SampleRequests.of(apiKey, version, topicId));
        frame.skipBytes(4);
        byte[] bytes = new byte[frame.readableBytes()];
        frame.readBytes(bytes);
        frame.release();
        switch (random.nextInt(4)) {
            case 0 -> {
                for (int flips = 1 + random.nextInt(8); flips > 0; flips--) {
                    bytes[4 + random.nextInt(bytes.length - 4)] = (byte) random.nextInt();
                }
            }
            case 1 -> bytes = java.util.Arrays.copyOf(bytes, 4 + random.nextInt(bytes.length - 4));
            case 2 -> {
                byte[] longer = java.util.Arrays.copyOf(bytes, bytes.length + 1 + random.nextInt(32));
                for (int j = bytes.length; j < longer.length; j++) {
                    longer[j] = (byte) random.nextInt();
                }
                bytes = longer;
            }
            default -> bytes[random.nextInt(bytes.length)] ^= (byte) (1 << random.nextInt(8));
        }
        return bytes;
    }
}
