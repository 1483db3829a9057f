package io.tributary.kafka.fetch;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertNotEquals;
import static org.testng.Assert.assertTrue;

import io.netty.buffer.UnpooledByteBufAllocator;
import io.tributary.kafka.KafkaFixture;
import io.tributary.kafka.records.FetchRecords;
import io.tributary.kafka.records.KafkaRecordBatch;
import io.tributary.kafka.fakes.InMemoryPartitionLog;
import io.tributary.spi.storage.EntryFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.message.FetchRequestData;
import org.apache.kafka.common.message.FetchRequestData.FetchPartition;
import org.apache.kafka.common.message.FetchRequestData.FetchTopic;
import org.apache.kafka.common.message.FetchRequestData.ForgottenTopic;
import org.apache.kafka.common.message.FetchResponseData;
import org.apache.kafka.common.message.FetchResponseData.PartitionData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.MutableRecordBatch;
import org.apache.kafka.common.record.internal.Record;
import org.testng.annotations.AfterMethod;
import org.testng.annotations.BeforeMethod;
import org.testng.annotations.Test;

public class FetchHandlerTest {

    private KafkaFixture fixture;
    private FetchHandler handler;
    private UnpooledByteBufAllocator alloc;

    @BeforeMethod
    public void setUp() {
        fixture = new KafkaFixture(Map.of("fetchSessionCacheSize", "2"));
        alloc = new UnpooledByteBufAllocator(true);
        handler = new FetchHandler(fixture.topics, fixture.context.logs(), fixture.sessions, fixture.tasks, alloc);
        fixture.createTopic("t", 2);
    }

    @AfterMethod(alwaysRun = true)
    public void tearDown() {
        fixture.close();
    }

    private void append(String topic, int partition, EntryFormat format, String... values) {
        MemoryRecords records = KafkaFixture.records(values);
        var validator = new io.tributary.kafka.records.ProducedBatchValidator(1 << 20);
        KafkaRecordBatch batch = validator.validate(records, (short) 9);
        fixture.log(topic, partition).append(batch, format).join();
    }

    private static FetchRequestData request(int maxWaitMs, int minBytes, int maxBytes, long... offsets) {
        List<FetchPartition> partitions = new ArrayList<>();
        for (int p = 0; p < offsets.length; p++) {
            partitions.add(new FetchPartition().setPartition(p).setFetchOffset(offsets[p]).setPartitionMaxBytes(1 << 20));
        }
        return new FetchRequestData().setReplicaId(-1).setMaxWaitMs(maxWaitMs).setMinBytes(minBytes)
                .setMaxBytes(maxBytes).setSessionId(0).setSessionEpoch(-1)
                .setTopics(List.of(new FetchTopic().setTopic("t").setPartitions(partitions)));
    }

    private CompletableFuture<FetchResponseData> fetch(int version, FetchRequestData request) {
        return handler.handle(fixture.request(ApiKeys.FETCH, version), request);
    }

    private static List<String> values(PartitionData partition) {
        List<String> values = new ArrayList<>();
        for (MutableRecordBatch batch : ((FetchRecords) partition.records()).view().batches()) {
            for (Record record : batch) {
                values.add(record.offset() + ":" + new String(org.apache.kafka.common.utils.Utils.toArray(record.value())));
            }
        }
        return values;
    }

    private static PartitionData partition(FetchResponseData response, int index) {
        return response.responses().get(0).partitions().stream()
                .filter(p -> p.partitionIndex() == index).findFirst().orElseThrow();
    }

    @Test
    public void readsBothEntryFormatsWithTheirOffsets() {
        append("t", 0, EntryFormat.PULSAR, "a", "b");
        append("t", 0, EntryFormat.PASS_THROUGH, "c");
        append("t", 0, EntryFormat.PULSAR, "d");
        FetchResponseData response = fetch(12, request(0, 0, 1 << 20, 1, 0)).join();
        PartitionData p0 = partition(response, 0);
        assertEquals(p0.errorCode(), Errors.NONE.code());
        assertEquals(p0.highWatermark(), 4L);
        assertEquals(values(p0), List.of("0:a", "1:b", "2:c", "3:d"));
        assertEquals(values(partition(response, 1)), List.of());
        assertEquals(fixture.log("t", 0).openReads(), 0, "every read is closed");
    }

    @Test
    public void waitsForMinBytesUntilDataArrives() {
        CompletableFuture<FetchResponseData> pending = fetch(12, request(60_000, 1, 1 << 20, 0));
        assertFalse(pending.isDone());
        InMemoryPartitionLog log = fixture.log("t", 0);
        assertEquals(log.waiterCount(), 1);
        append("t", 0, EntryFormat.PULSAR, "late");
        FetchResponseData response = pending.join();
        assertEquals(values(partition(response, 0)), List.of("0:late"));
        assertEquals(log.waiterCount(), 0);
        assertEquals(fixture.tasks.pending(), 0, "the timeout is cancelled");
    }

    @Test
    public void answersEmptyWhenMaxWaitPasses() throws Exception {
        FetchResponseData response = fetch(12, request(20, 1, 1 << 20, 0)).get(30, TimeUnit.SECONDS);
        assertEquals(values(partition(response, 0)), List.of());
        assertEquals(fixture.log("t", 0).waiterCount(), 0);
    }

    @Test
    public void cancellingDropsTheWait() {
        CompletableFuture<FetchResponseData> pending = fetch(12, request(60_000, 1, 1 << 20, 0));
        pending.cancel(false);
        assertEquals(fixture.log("t", 0).waiterCount(), 0);
        assertEquals(fixture.tasks.pending(), 0);
    }

    @Test
    public void requestMaxBytesKeepsTheFirstBatchAndWholeBatches() {
        append("t", 0, EntryFormat.PULSAR, "x".repeat(200));
        append("t", 0, EntryFormat.PULSAR, "y".repeat(200));
        append("t", 1, EntryFormat.PULSAR, "z".repeat(200));
        FetchResponseData response = fetch(12, request(0, 0, 10, 0, 0)).join();
        assertEquals(values(partition(response, 0)).size(), 1, "one batch although it exceeds maxBytes");
        assertEquals(values(partition(response, 1)), List.of(), "nothing fits after the first");
        FetchRecords.releaseIn(response);
        assertEquals(alloc.metric().usedDirectMemory(), 0, "the cut partition's records were released");
    }

    @Test
    public void aShortReadIsReleasedBeforeReadingAgain() {
        append("t", 0, EntryFormat.PULSAR, "small");
        CompletableFuture<FetchResponseData> pending = fetch(12, request(60_000, 10_000, 1 << 20, 0, 0));
        assertFalse(pending.isDone());
        append("t", 1, EntryFormat.PULSAR, "z".repeat(20_000));
        FetchResponseData response = pending.join();
        assertEquals(values(partition(response, 0)), List.of("0:small"));
        assertEquals(values(partition(response, 1)).size(), 1);
        FetchRecords.releaseIn(response);
        assertEquals(alloc.metric().usedDirectMemory(), 0, "the first, short read was released");
    }

    @Test
    public void cancellingAWaitingFetchLeavesNoBuffer() {
        append("t", 0, EntryFormat.PULSAR, "small");
        CompletableFuture<FetchResponseData> pending = fetch(12, request(60_000, 10_000, 1 << 20, 0));
        pending.cancel(false);
        assertEquals(alloc.metric().usedDirectMemory(), 0);
    }

    @Test
    public void offsetOutOfRange() {
        append("t", 0, EntryFormat.PULSAR, "a");
        assertEquals(partition(fetch(12, request(0, 0, 1 << 20, 5)).join(), 0).errorCode(),
                Errors.OFFSET_OUT_OF_RANGE.code());
    }

    @Test
    public void unknownTopicIdAndTopicIds() {
        append("t", 0, EntryFormat.PULSAR, "a");
        FetchRequestData byId = request(0, 0, 1 << 20, 0);
        byId.topics().get(0).setTopic(null).setTopicId(fixture.topicId("t"));
        FetchResponseData response = fetch(13, byId).join();
        assertEquals(response.responses().get(0).topicId(), fixture.topicId("t"));
        assertEquals(values(partition(response, 0)), List.of("0:a"));
        byId.topics().get(0).setTopicId(Uuid.randomUuid());
        assertEquals(partition(fetch(13, byId).join(), 0).errorCode(), Errors.UNKNOWN_TOPIC_ID.code());
    }

    @Test
    public void incrementalSessionsAnswerOnlyPartitionsWithNews() {
        append("t", 0, EntryFormat.PULSAR, "a");
        FetchRequestData full = request(0, 0, 1 << 20, 0, 0).setSessionId(0).setSessionEpoch(0);
        FetchResponseData first = fetch(12, full).join();
        int session = first.sessionId();
        assertNotEquals(session, 0);
        assertEquals(first.responses().get(0).partitions().size(), 2);

        FetchRequestData moved = new FetchRequestData().setReplicaId(-1).setMaxWaitMs(0).setMinBytes(0)
                .setMaxBytes(1 << 20).setSessionId(session).setSessionEpoch(1)
                .setTopics(List.of(new FetchTopic().setTopic("t").setPartitions(List.of(
                        new FetchPartition().setPartition(0).setFetchOffset(1).setPartitionMaxBytes(1 << 20)))));
        FetchResponseData idle = fetch(12, moved).join();
        assertEquals(idle.sessionId(), session);
        assertTrue(idle.responses().isEmpty(), "nothing new: " + idle);

        append("t", 1, EntryFormat.PULSAR, "b");
        FetchResponseData news = fetch(12, new FetchRequestData().setReplicaId(-1).setMaxBytes(1 << 20)
                .setSessionId(session).setSessionEpoch(2)).join();
        assertEquals(news.responses().get(0).partitions().size(), 1);
        assertEquals(values(partition(news, 1)), List.of("0:b"));

        FetchResponseData forgotten = fetch(12, new FetchRequestData().setReplicaId(-1).setMaxBytes(1 << 20)
                .setSessionId(session).setSessionEpoch(3).setForgottenTopicsData(List.of(
                        new ForgottenTopic().setTopic("t").setPartitions(List.of(1))))).join();
        assertEquals(forgotten.errorCode(), Errors.NONE.code());
        append("t", 1, EntryFormat.PULSAR, "c");
        FetchResponseData afterForget = fetch(12, new FetchRequestData().setReplicaId(-1).setMaxBytes(1 << 20)
                .setSessionId(session).setSessionEpoch(4)).join();
        assertTrue(afterForget.responses().isEmpty(), "partition 1 left the session: " + afterForget);
    }

    @Test
    public void sessionErrors() {
        FetchResponseData unknown = fetch(12, request(0, 0, 1 << 20, 0).setSessionId(12345).setSessionEpoch(1)).join();
        assertEquals(unknown.errorCode(), Errors.FETCH_SESSION_ID_NOT_FOUND.code());
        int session = fetch(12, request(0, 0, 1 << 20, 0).setSessionEpoch(0)).join().sessionId();
        FetchResponseData wrongEpoch = fetch(12, new FetchRequestData().setReplicaId(-1).setMaxBytes(1 << 20)
                .setSessionId(session).setSessionEpoch(5)).join();
        assertEquals(wrongEpoch.errorCode(), Errors.INVALID_FETCH_SESSION_EPOCH.code());
        FetchResponseData closed = fetch(12, request(0, 0, 1 << 20, 0).setSessionId(session).setSessionEpoch(-1)).join();
        assertEquals(closed.sessionId(), 0);
        assertEquals(fetch(12, new FetchRequestData().setReplicaId(-1).setMaxBytes(1 << 20)
                .setSessionId(session).setSessionEpoch(1)).join().errorCode(), Errors.FETCH_SESSION_ID_NOT_FOUND.code());
    }

    @Test
    public void sessionCacheIsBounded() {
        for (int i = 0; i < 5; i++) {
            fetch(12, request(0, 0, 1 << 20, 0).setSessionEpoch(0)).join();
        }
        assertEquals(fixture.sessions.size(), 2);
    }

    @Test
    public void sessionlessBeforeVersion7() {
        append("t", 0, EntryFormat.PULSAR, "a");
        FetchResponseData response = fetch(6, request(0, 0, 1 << 20, 0)).join();
        assertEquals(response.sessionId(), 0);
        assertEquals(values(partition(response, 0)), List.of("0:a"));
        assertEquals(fixture.sessions.size(), 0);
    }
}
