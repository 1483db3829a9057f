package io.tributary.kafka.network;

import static io.tributary.kafka.network.TestHandlers.handler;
import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertNotNull;
import static org.testng.Assert.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import io.tributary.kafka.KafkaFixture;
import io.tributary.kafka.KafkaWire;
import io.tributary.kafka.api.ApiDispatcher;
import io.tributary.kafka.api.BrokerNode;
import io.tributary.kafka.api.RequestContext;
import io.tributary.kafka.fakes.FakeModuleMetrics;
import io.tributary.kafka.records.KafkaRecordBatch;
import io.tributary.kafka.records.ProducedBatchValidator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.apache.kafka.common.message.ProduceRequestData;
import org.apache.kafka.common.message.ProduceResponseData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.requests.RequestHeader;
import org.testng.annotations.BeforeMethod;
import org.testng.annotations.Test;

/** Produce requests are parsed from a pooled buffer that their records can be kept from without a copy. */
public class ProduceRequestBufferTest {

    private static final ProducedBatchValidator VALIDATOR = new ProducedBatchValidator(1 << 20);

    private final List<ByteBuf> kept = new ArrayList<>();
    private final List<CompletableFuture<ProduceResponseData>> answers = new ArrayList<>();
    private Connections connections;
    private UnpooledByteBufAllocator allocator;
    private EmbeddedChannel channel;

    @BeforeMethod
    public void openChannel() {
        kept.clear();
        answers.clear();
        allocator = new UnpooledByteBufAllocator(true);
        connections = new Connections();
        channel = new EmbeddedChannel(new KafkaChannelInitializer(ApiDispatcher.of(List.of(
                handler(ApiKeys.PRODUCE, (context, request) -> keepRecords(context, (ProduceRequestData) request))),
                new FakeModuleMetrics()),
                BrokerNode.of(KafkaFixture.ENDPOINT), KafkaFixture.ENDPOINT, connections, 1 << 20, 100,
                TrafficCounter.of(new FakeModuleMetrics())));
        channel.config().setAllocator(allocator);
    }

    /** Keeps each partition's records by reference; the answer waits for the test. */
    private CompletableFuture<ProduceResponseData> keepRecords(RequestContext context, ProduceRequestData request) {
        request.topicData().forEach(topic -> topic.partitionData().forEach(partition -> {
            KafkaRecordBatch batch = VALIDATOR.validate((MemoryRecords) partition.records(), context.apiVersion(),
                    context.buffer());
            kept.add(batch.retainedRaw());
        }));
        CompletableFuture<ProduceResponseData> answer = new CompletableFuture<>();
        answers.add(answer);
        return answer;
    }

    private static ProduceRequestData produce(MemoryRecords... partitions) {
        ProduceRequestData.TopicProduceData topic = new ProduceRequestData.TopicProduceData().setName("t");
        for (int i = 0; i < partitions.length; i++) {
            topic.partitionData().add(new ProduceRequestData.PartitionProduceData().setIndex(i)
                    .setRecords(partitions[i]));
        }
        ProduceRequestData request = new ProduceRequestData().setAcks((short) -1).setTimeoutMs(1000);
        request.topicData().add(topic);
        return request;
    }

    private static byte[] bytesOf(MemoryRecords records) {
        return ByteBufUtil.getBytes(Unpooled.wrappedBuffer(records.buffer()));
    }

    private long directBytes() {
        return allocator.metric().usedDirectMemory();
    }

    @Test
    public void recordsAreKeptByReferenceAndTheRequestBufferIsFreedOnceEverythingIsReleased() {
        MemoryRecords first = KafkaFixture.records("a", "b");
        MemoryRecords second = KafkaFixture.records("c");
        RequestHeader header = KafkaWire.header(ApiKeys.PRODUCE, 9, 1);
        channel.writeInbound(KafkaWire.frame(header, produce(first, second)));

        assertEquals(kept.size(), 2);
        assertNotNull(kept.get(0), "records of a produce request can be shared");
        assertEquals(ByteBufUtil.getBytes(kept.get(0)), bytesOf(first));
        assertEquals(ByteBufUtil.getBytes(kept.get(1)), bytesOf(second));
        answers.get(0).complete(new ProduceResponseData());
        KafkaWire.response(channel.readOutbound(), header);

        assertTrue(directBytes() > 0, "the kept records hold the request buffer");
        assertEquals(ByteBufUtil.getBytes(kept.get(1)), bytesOf(second));
        kept.forEach(ByteBuf::release);
        assertEquals(directBytes(), 0L);
        assertFalse(channel.finish());
    }

    @Test
    public void theRequestBufferOutlivesAClosedConnectionUntilItsHandlerCompletes() {
        channel.writeInbound(KafkaWire.frame(KafkaWire.header(ApiKeys.PRODUCE, 9, 1), produce(KafkaFixture.records("a"))));
        kept.forEach(ByteBuf::release);
        long held = directBytes();

        channel.close();

        assertEquals(directBytes(), held, "an append still running may read the records");
        answers.get(0).complete(new ProduceResponseData());
        assertEquals(directBytes(), 0L);
    }

    @Test
    public void aProduceRequestReadWhileDrainingIsDroppedWithItsBuffer() {
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
        try {
            connections.drain(Duration.ofMinutes(1), scheduler);
            channel.runPendingTasks();

            channel.writeInbound(KafkaWire.frame(KafkaWire.header(ApiKeys.PRODUCE, 9, 1),
                    produce(KafkaFixture.records("a"))));

            assertTrue(answers.isEmpty());
            assertEquals(directBytes(), 0L);
        } finally {
            scheduler.shutdownNow();
        }
    }

    @Test
    public void anUnparseableProduceRequestClosesTheConnectionAndFreesItsBuffer() {
        RequestHeader header = KafkaWire.header(ApiKeys.PRODUCE, 9, 1);
        ByteBuf valid = KafkaWire.frame(header, produce(KafkaFixture.records("a")));
        ByteBuf broken = Unpooled.buffer().writeInt(valid.readableBytes() - 4 - 10).writeBytes(valid, 4,
                valid.readableBytes() - 4 - 10);
        valid.release();

        channel.writeInbound(broken);

        assertTrue(answers.isEmpty());
        assertFalse(channel.isActive());
        assertEquals(directBytes(), 0L);
        assertFalse(channel.finish());
    }
}
