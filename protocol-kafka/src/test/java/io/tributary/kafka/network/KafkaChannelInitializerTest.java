package io.tributary.kafka.network;

import static io.tributary.kafka.network.TestHandlers.handler;
import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertNull;
import static org.testng.Assert.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.tributary.kafka.KafkaFixture;
import io.tributary.kafka.KafkaWire;
import io.tributary.kafka.api.ApiDispatcher;
import io.tributary.kafka.api.BrokerNode;
import io.tributary.kafka.fakes.FakeModuleMetrics;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import org.apache.kafka.common.message.ApiVersionsRequestData;
import org.apache.kafka.common.message.ApiVersionsResponseData.ApiVersion;
import org.apache.kafka.common.message.DescribeClusterRequestData;
import org.apache.kafka.common.message.DescribeClusterResponseData;
import org.apache.kafka.common.message.MetadataRequestData;
import org.apache.kafka.common.message.MetadataResponseData;
import org.apache.kafka.common.message.ProduceRequestData;
import org.apache.kafka.common.message.ProduceResponseData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.ByteBufferAccessor;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.ApiVersionsResponse;
import org.apache.kafka.common.requests.RequestHeader;
import org.testng.annotations.AfterMethod;
import org.testng.annotations.BeforeMethod;
import org.testng.annotations.Test;

public class KafkaChannelInitializerTest {

    /** Metadata answers wait for the test; DescribeCluster answers at once; Produce honours acks=0. */
    private static final class ControlledHandlers {
        final List<CompletableFuture<MetadataResponseData>> metadata = new ArrayList<>();

        ApiDispatcher dispatcher() {
            return ApiDispatcher.of(List.of(
                    handler(ApiKeys.METADATA, (context, request) -> {
                        CompletableFuture<MetadataResponseData> future = new CompletableFuture<>();
                        metadata.add(future);
                        return future;
                    }),
                    handler(ApiKeys.DESCRIBE_CLUSTER, (context, request) ->
                            CompletableFuture.completedFuture(new DescribeClusterResponseData().setClusterId("c"))),
                    handler(ApiKeys.PRODUCE, (context, request) -> CompletableFuture.completedFuture(
                            ((ProduceRequestData) request).acks() == 0 ? null : new ProduceResponseData()))),
                    new FakeModuleMetrics());
        }
    }

    private ScheduledExecutorService scheduler;
    private ControlledHandlers handlers;
    private Connections connections;
    private FakeModuleMetrics metrics;

    @BeforeMethod
    public void createFixture() {
        scheduler = new ScheduledThreadPoolExecutor(1);
        handlers = new ControlledHandlers();
        connections = new Connections();
        metrics = new FakeModuleMetrics();
    }

    private EmbeddedChannel channel(int maxRequestSize) {
        return new EmbeddedChannel(new KafkaChannelInitializer(handlers.dispatcher(), BrokerNode.of(KafkaFixture.ENDPOINT),
                KafkaFixture.ENDPOINT, connections, maxRequestSize, 100, TrafficCounter.of(metrics)));
    }

    @AfterMethod(alwaysRun = true)
    public void stopScheduler() {
        scheduler.shutdownNow();
    }

    @Test
    public void apiVersionsFedOneByteAtATime() {
        EmbeddedChannel channel = channel(1 << 20);
        RequestHeader header = KafkaWire.header(ApiKeys.API_VERSIONS, 3, 42);
        ByteBuf frame = KafkaWire.frame(header, new ApiVersionsRequestData()
                .setClientSoftwareName("test").setClientSoftwareVersion("1.0"));
        while (frame.isReadable()) {
            assertNull(channel.readOutbound());
            channel.writeInbound(Unpooled.wrappedBuffer(new byte[] {frame.readByte()}));
        }
        frame.release();
        ApiVersionsResponse response = (ApiVersionsResponse) KafkaWire.response(channel.readOutbound(), header);
        assertEquals(response.data().errorCode(), Errors.NONE.code());
        ApiVersion metadata = response.data().apiKeys().find(ApiKeys.METADATA.id);
        assertEquals(metadata.maxVersion(), ApiKeys.METADATA.latestVersion());
        assertEquals(response.data().apiKeys().size(), 4);
        assertFalse(channel.finish());
    }

    @Test
    public void apiVersionsOfAnUnknownVersionIsAnsweredInVersionZero() {
        EmbeddedChannel channel = channel(1 << 20);
        ByteBuf frame = KafkaWire.frame(KafkaWire.header(ApiKeys.API_VERSIONS, 3, 5), new ApiVersionsRequestData()
                .setClientSoftwareName("test").setClientSoftwareVersion("1.0"));
        frame.setShort(6, 77);
        channel.writeInbound(frame);
        ByteBuf out = channel.readOutbound();
        ByteBuffer payload = ByteBuffer.allocate(out.readInt());
        out.readBytes(payload);
        out.release();
        payload.flip();
        assertEquals(payload.getInt(), 5);
        ApiVersionsResponse response = ApiVersionsResponse.parse(new ByteBufferAccessor(payload), (short) 0);
        assertEquals(response.data().errorCode(), Errors.UNSUPPORTED_VERSION.code());
        assertEquals(response.data().apiKeys().find(ApiKeys.API_VERSIONS.id).maxVersion(), 4);
        assertTrue(channel.isActive());
        assertFalse(channel.finish());
    }

    @Test
    public void otherApisOfUnsupportedVersionsCloseTheConnection() {
        EmbeddedChannel channel = channel(1 << 20);
        ByteBuf frame = KafkaWire.frame(KafkaWire.header(ApiKeys.METADATA, 12, 1), new MetadataRequestData());
        frame.setShort(6, 99);
        channel.writeInbound(frame);
        assertNull(channel.readOutbound());
        assertFalse(channel.isActive());
        assertFalse(channel.finish());
    }

    @Test
    public void apisWithoutHandlerCloseTheConnection() {
        EmbeddedChannel channel = channel(1 << 20);
        channel.writeInbound(KafkaWire.frame(KafkaWire.header(ApiKeys.LIST_GROUPS, 4, 1),
                new org.apache.kafka.common.message.ListGroupsRequestData()));
        assertNull(channel.readOutbound());
        assertFalse(channel.isActive());
        assertFalse(channel.finish());
    }

    @Test
    public void unknownApiKeyClosesTheConnection() {
        EmbeddedChannel channel = channel(1 << 20);
        ByteBuf frame = KafkaWire.frame(KafkaWire.header(ApiKeys.METADATA, 12, 1), new MetadataRequestData());
        frame.setShort(4, 4242);
        channel.writeInbound(frame);
        assertNull(channel.readOutbound());
        assertFalse(channel.isActive());
        assertFalse(channel.finish());
    }

    @Test
    public void oversizedFrameClosesTheConnection() {
        EmbeddedChannel channel = channel(1024);
        channel.writeInbound(Unpooled.buffer().writeInt(1025).writeZero(16));
        assertNull(channel.readOutbound());
        assertFalse(channel.isActive());
        assertFalse(channel.finish());
    }

    @Test
    public void negativeFrameSizeClosesTheConnection() {
        EmbeddedChannel channel = channel(1024);
        channel.writeInbound(Unpooled.buffer().writeInt(-5).writeZero(16));
        assertFalse(channel.isActive());
        assertFalse(channel.finish());
    }

    @Test
    public void malformedBodyClosesTheConnection() {
        EmbeddedChannel channel = channel(1 << 20);
        RequestHeader header = KafkaWire.header(ApiKeys.METADATA, 12, 1);
        ByteBuf valid = KafkaWire.frame(header, new MetadataRequestData());
        ByteBuf broken = Unpooled.buffer();
        int headerBytes = 4 + header.size();
        broken.writeInt(header.size() + 3).writeBytes(valid, 4, header.size()).writeBytes(new byte[] {(byte) 0xff, 1, 2});
        valid.release();
        assertTrue(headerBytes > 4);
        channel.writeInbound(broken);
        assertNull(channel.readOutbound());
        assertFalse(channel.isActive());
        assertFalse(channel.finish());
    }

    @Test
    public void responsesFollowRequestOrder() {
        EmbeddedChannel channel = channel(1 << 20);
        RequestHeader slow = KafkaWire.header(ApiKeys.METADATA, 12, 1);
        RequestHeader fast = KafkaWire.header(ApiKeys.DESCRIBE_CLUSTER, 1, 2);
        channel.writeInbound(KafkaWire.frame(slow, new MetadataRequestData()));
        channel.writeInbound(KafkaWire.frame(fast, new DescribeClusterRequestData()));
        assertNull(channel.readOutbound(), "the second answer waits for the first");
        handlers.metadata.get(0).complete(new MetadataResponseData());
        assertEquals(KafkaWire.response(channel.readOutbound(), slow).apiKey(), ApiKeys.METADATA);
        assertEquals(KafkaWire.response(channel.readOutbound(), fast).apiKey(), ApiKeys.DESCRIBE_CLUSTER);
        assertFalse(channel.finish());
    }

    @Test
    public void countsTheBytesReceivedAndSentWithTheirFraming() {
        EmbeddedChannel channel = channel(1 << 20);
        RequestHeader header = KafkaWire.header(ApiKeys.DESCRIBE_CLUSTER, 1, 7);
        ByteBuf request = KafkaWire.frame(header, new DescribeClusterRequestData());
        int requestBytes = request.readableBytes();

        channel.writeInbound(request);
        ByteBuf response = channel.readOutbound();

        assertEquals(metrics.counterValue("received_bytes_total", Map.of()), requestBytes);
        assertEquals(metrics.counterValue("sent_bytes_total", Map.of()), response.readableBytes());
        KafkaWire.response(response, header);
        assertFalse(channel.finish());
    }

    @Test
    public void failedHandlerGetsTheRequestsErrorResponse() {
        EmbeddedChannel channel = channel(1 << 20);
        RequestHeader header = KafkaWire.header(ApiKeys.METADATA, 12, 1);
        channel.writeInbound(KafkaWire.frame(header, new MetadataRequestData()));
        handlers.metadata.get(0).completeExceptionally(new IllegalStateException("boom"));
        MetadataResponseData response = (MetadataResponseData) KafkaWire.response(channel.readOutbound(), header).data();
        assertTrue(channel.isActive());
        assertEquals(response.errorCode(), Errors.NONE.code());
        assertFalse(channel.finish());
    }

    @Test
    public void produceWithoutAcksIsNotAnswered() {
        EmbeddedChannel channel = channel(1 << 20);
        channel.writeInbound(KafkaWire.frame(KafkaWire.header(ApiKeys.PRODUCE, 9, 1),
                new ProduceRequestData().setAcks((short) 0).setTimeoutMs(100)));
        RequestHeader next = KafkaWire.header(ApiKeys.DESCRIBE_CLUSTER, 1, 2);
        channel.writeInbound(KafkaWire.frame(next, new DescribeClusterRequestData()));
        assertEquals(KafkaWire.response(channel.readOutbound(), next).apiKey(), ApiKeys.DESCRIBE_CLUSTER);
        assertNull(channel.readOutbound());
        assertFalse(channel.finish());
    }

    @Test
    public void drainStopsReadingAndWaitsForRequestsInFlight() {
        EmbeddedChannel channel = channel(1 << 20);
        RequestHeader slow = KafkaWire.header(ApiKeys.METADATA, 12, 1);
        channel.writeInbound(KafkaWire.frame(slow, new MetadataRequestData()));
        CompletableFuture<Void> drained = connections.drain(Duration.ofMinutes(1), scheduler);
        channel.runPendingTasks();
        assertFalse(drained.isDone());
        assertFalse(channel.config().isAutoRead());
        channel.writeInbound(KafkaWire.frame(KafkaWire.header(ApiKeys.DESCRIBE_CLUSTER, 1, 2),
                new DescribeClusterRequestData()));
        handlers.metadata.get(0).complete(new MetadataResponseData());
        assertTrue(drained.isDone());
        assertEquals(KafkaWire.response(channel.readOutbound(), slow).apiKey(), ApiKeys.METADATA);
        assertNull(channel.readOutbound(), "requests read after the drain began are not served");
        assertFalse(channel.finish());
    }
}
