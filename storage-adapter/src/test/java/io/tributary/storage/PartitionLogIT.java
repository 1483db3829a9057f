package io.tributary.storage;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertNull;
import static org.testng.Assert.assertTrue;
import static org.testng.Assert.expectThrows;

import com.google.common.io.MoreFiles;
import com.google.common.io.RecursiveDeleteOption;
import io.netty.channel.embedded.EmbeddedChannel;
import io.tributary.lookup.ProtocolEndpoints;
import io.tributary.lookup.PulsarTopicLookup;
import io.tributary.spi.storage.AppendResult;
import io.tributary.spi.storage.EntryFormat;
import io.tributary.spi.storage.Header;
import io.tributary.spi.storage.OffsetOutOfRangeException;
import io.tributary.spi.storage.OutOfOrderSequenceException;
import io.tributary.spi.storage.PartitionLog;
import io.tributary.spi.storage.ProducerFencedException;
import io.tributary.spi.storage.ProducerInfo;
import io.tributary.spi.storage.Publisher;
import io.tributary.spi.storage.ReadResult;
import io.tributary.spi.topic.TopicName;
import io.tributary.spi.topic.TopicNotFoundException;
import io.tributary.standalone.EmbeddedBroker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.apache.pulsar.broker.service.persistent.PersistentTopic;
import org.apache.pulsar.client.api.CompressionType;
import org.apache.pulsar.client.api.Consumer;
import org.apache.pulsar.client.api.Message;
import org.apache.pulsar.client.api.Producer;
import org.apache.pulsar.client.api.PulsarClient;
import org.apache.pulsar.client.api.Schema;
import org.apache.pulsar.client.api.SubscriptionInitialPosition;
import org.apache.pulsar.common.policies.data.ClusterPolicies.ClusterUrl;
import org.testng.annotations.AfterClass;
import org.testng.annotations.BeforeClass;
import org.testng.annotations.Test;

public class PartitionLogIT {

    private Path dataDir;
    private EmbeddedBroker broker;
    private PulsarTopicLookup lookup;
    private ManagedLedgerPartitionLogs logs;
    private PulsarClient client;

    @BeforeClass
    public void startBroker() throws Exception {
        dataDir = Files.createTempDirectory("partition-log-it");
        broker = Broker.start(dataDir);
        lookup = new PulsarTopicLookup(broker.pulsar(), new ProtocolEndpoints(broker.pulsar().getLocalMetadataStore()));
        logs = new ManagedLedgerPartitionLogs(broker.pulsar(), 64L << 20, 16L << 20);
        client = PulsarClient.builder().serviceUrl(broker.brokerServiceUrl()).build();
    }

    @AfterClass(alwaysRun = true)
    public void stopBroker() throws Exception {
        if (client != null) {
            client.close();
        }
        if (logs != null) {
            logs.close();
        }
        if (broker != null) {
            broker.close();
        }
        if (dataDir != null) {
            MoreFiles.deleteRecursively(dataDir, RecursiveDeleteOption.ALLOW_INSECURE);
        }
    }

    private PartitionLog newLog(String name) {
        TopicName topic = new TopicName("public", "default", name);
        lookup.create(topic, 1, Map.of()).join();
        return logs.open(topic, 0).join();
    }

    private static <T> T get(CompletableFuture<T> future) throws Exception {
        return future.get(60, TimeUnit.SECONDS);
    }

    private static Throwable failure(CompletableFuture<?> future) {
        CompletionException e = expectThrows(CompletionException.class, future::join);
        return e.getCause();
    }

    @Test
    public void aPublisherIsAPulsarProducerOfWhatItAppendsUntilItsChannelCloses() throws Exception {
        PartitionLog log = newLog("published");
        PersistentTopic topic = (PersistentTopic) broker.pulsar().getBrokerService()
                .getTopicReference("persistent://public/default/published-partition-0").orElseThrow();
        EmbeddedChannel connection = new EmbeddedChannel();
        Publisher publisher = logs.publisher(connection, "conn-1-app", "test-client/1.0", () -> { });

        get(log.append(TestBatch.of("a", "b", "c"), EntryFormat.PULSAR, publisher));
        get(log.append(TestBatch.of("d"), EntryFormat.PULSAR));

        assertEquals(topic.getMsgInCounter(), 3, "only the publisher's appends are counted");
        assertTrue(topic.getBytesInCounter() > 0);
        org.apache.pulsar.broker.service.Producer producer = topic.getProducers().get("conn-1-app");
        assertEquals(producer.getStats().getClientVersion(), "test-client/1.0");
        assertFalse(publisher.throttled());

        producer.topicMigrated(Optional.of(new ClusterUrl(null, null, "pulsar://elsewhere:6650", null)));
        connection.runPendingTasks();
        assertTrue(topic.getProducers().isEmpty(), "a migrated topic's producer leaves without failing");

        get(log.append(TestBatch.of("e"), EntryFormat.PULSAR, publisher));
        assertEquals(topic.getProducers().keySet(), Set.of("conn-1-app"), "the next append lists it again");

        connection.close();
        assertTrue(topic.getProducers().isEmpty(), "it leaves when its channel closes");
    }

    @Test
    public void recentBatchesComeBackInTheirProtocolBytesAndStorageStillDecodesThem() throws Exception {
        PartitionLog log = newLog("recent");
        get(log.append(TestBatch.of("a", "b"), EntryFormat.PULSAR));
        get(log.append(TestBatch.of("c"), EntryFormat.PULSAR));

        try (ReadResult recent = get(log.read(1, 1 << 20, "test-v1"))) {
            assertEquals(recent.batches().size(), 2);
            assertEquals(recent.batches().get(0).baseOffset(), 0);
            assertEquals(recent.batches().get(0).rawFormat(), "test-v1");
            assertEquals(recent.batches().get(0).raw().toString(UTF_8), "a|b");
            assertEquals(recent.batches().get(1).baseOffset(), 2);
            assertEquals(recent.batches().get(1).raw().toString(UTF_8), "c");
            assertEquals(recent.logEndOffset(), 3);
        }
        for (ReadResult stored : List.of(get(log.read(1, 1 << 20)), get(log.read(1, 1 << 20, "other-v1")))) {
            try (stored) {
                assertEquals(stored.batches().get(0).rawFormat(), "pulsar");
                assertEquals(ReadRecords.of(stored).stream().map(ReadRecords::value).toList(), List.of("a", "b", "c"));
            }
        }
    }

    @Test
    public void appendsGetDenseOffsetsAndReadFromAnyOffset() throws Exception {
        PartitionLog log = newLog("dense");
        assertEquals(log.logEndOffset(), 0);
        assertEquals(get(log.append(TestBatch.of("a", "b", "c"), EntryFormat.PULSAR)).baseOffset(), 0);
        assertEquals(get(log.append(TestBatch.of("d", "e"), EntryFormat.PASS_THROUGH)).baseOffset(), 3);
        assertEquals(get(log.append(TestBatch.of("f"), EntryFormat.PULSAR)).baseOffset(), 5);
        assertEquals(log.logEndOffset(), 6);

        try (ReadResult all = get(log.read(0, 1 << 20))) {
            assertEquals(all.batches().size(), 3);
            assertEquals(all.logEndOffset(), 6);
            List<ReadRecords> records = ReadRecords.of(all);
            assertEquals(records.get(0), new ReadRecords(0, records.get(0).timestamp(), "key-a", "a", List.of()));
            assertEquals(records.get(2).offset(), 2);
            assertEquals(records.get(3).value(), "d|e");
            assertEquals(all.batches().get(1).rawFormat(), "test-v1");
            assertEquals(all.batches().get(1).recordCount(), 2);
            assertEquals(records.get(4).offset(), 5);
        }
        try (ReadResult middle = get(log.read(4, 1 << 20))) {
            assertEquals(middle.batches().get(0).baseOffset(), 3);
        }
        for (long offset = 0; offset < 6; offset++) {
            try (ReadResult one = get(log.read(offset, 1))) {
                assertEquals(one.batches().size(), 1, "at least one batch even over the byte limit");
                long base = one.batches().get(0).baseOffset();
                assertTrue(base <= offset && offset < base + one.batches().get(0).recordCount());
            }
        }
        try (ReadResult atEnd = get(log.read(6, 1 << 20))) {
            assertTrue(atEnd.batches().isEmpty());
        }
        assertTrue(failure(log.read(7, 100)) instanceof OffsetOutOfRangeException);
    }

    @Test
    public void sequentialReadsFollowTheByteBudget() throws Exception {
        PartitionLog log = newLog("sequential");
        for (int i = 0; i < 10; i++) {
            log.append(TestBatch.of("v" + i, "w" + i), EntryFormat.PULSAR);
        }
        get(log.append(TestBatch.of("last"), EntryFormat.PULSAR));
        List<String> values = new ArrayList<>();
        long next = 0;
        while (next < log.logEndOffset()) {
            try (ReadResult result = get(log.read(next, 300))) {
                for (ReadRecords r : ReadRecords.of(result)) {
                    assertEquals(r.offset(), next);
                    values.add(r.value());
                    next++;
                }
            }
        }
        assertEquals(values.size(), 21);
        assertEquals(values.get(0), "v0");
        assertEquals(values.get(20), "last");
    }

    @Test
    public void readsAheadOfASequentialReaderWhateverItsNextBudgetOrOffset() throws Exception {
        PartitionLog log = newLog("read-ahead");
        for (int i = 0; i < 39; i++) {
            log.append(TestBatch.of("v" + (2 * i), "v" + (2 * i + 1)), EntryFormat.PULSAR);
        }
        get(log.append(TestBatch.of("v78", "v79"), EntryFormat.PULSAR));
        int[] budgets = {300, 1, 5000, 150, 2000};
        List<Long> offsets = new ArrayList<>();
        long next = 0;
        for (int read = 0; next < log.logEndOffset(); read++) {
            if (read == 6) {
                next -= 4;
                offsets.subList(offsets.size() - 4, offsets.size()).clear();
            }
            try (ReadResult result = get(log.read(next, budgets[read % budgets.length]))) {
                List<ReadRecords> records = ReadRecords.of(result);
                assertFalse(records.isEmpty(), "read " + read + " from " + next);
                for (ReadRecords r : records) {
                    assertEquals(r.value(), "v" + r.offset());
                    offsets.add(r.offset());
                }
                next = records.get(records.size() - 1).offset() + 1;
            }
        }
        assertEquals(offsets, LongStream.range(0, 80).boxed().toList());
    }

    @Test
    public void awaitCompletesOnAppend() throws Exception {
        PartitionLog log = newLog("await");
        CompletableFuture<Long> waiting = log.awaitEndOffsetAbove(0);
        assertFalse(waiting.isDone());
        log.append(TestBatch.of("x", "y"), EntryFormat.PULSAR);
        assertEquals((long) get(waiting), 2L);
        assertEquals((long) get(log.awaitEndOffsetAbove(1)), 2L);
    }

    @Test
    public void findsOffsetsByTime() throws Exception {
        PartitionLog log = newLog("by-time");
        get(log.append(TestBatch.of("old"), EntryFormat.PULSAR));
        long first = get(log.append(TestBatch.of("older", "oldest"), EntryFormat.PULSAR)).logAppendTime();
        long between = first + 1;
        while (System.currentTimeMillis() <= between) {
            Thread.sleep(2);
        }
        AppendResult later = get(log.append(TestBatch.of("new"), EntryFormat.PULSAR));
        assertEquals((long) get(log.offsetForTimestamp(0)), 0L);
        assertEquals((long) get(log.offsetForTimestamp(between)), later.baseOffset());
        assertEquals((long) get(log.offsetForTimestamp(later.logAppendTime() + 60_000)), -1L);
    }

    @Test
    public void deletesRecordsBefore() throws Exception {
        PartitionLog log = newLog("delete");
        get(log.append(TestBatch.of("a", "b"), EntryFormat.PULSAR));
        get(log.append(TestBatch.of("c", "d"), EntryFormat.PULSAR));
        assertEquals((long) get(log.deleteRecordsBefore(3)), 3L);
        assertEquals(log.logStartOffset(), 3);
        assertTrue(failure(log.read(1, 100)) instanceof OffsetOutOfRangeException);
        try (ReadResult result = get(log.read(3, 1000))) {
            assertEquals(result.logStartOffset(), 3);
            assertEquals(result.batches().get(0).baseOffset(), 2);
        }
        assertEquals((long) get(log.deleteRecordsBefore(1)), 3L);
        assertTrue(failure(log.deleteRecordsBefore(99)) instanceof OffsetOutOfRangeException);
    }

    @Test
    public void idempotentProducers() throws Exception {
        PartitionLog log = newLog("idempotent");
        TestBatch batch = TestBatch.of("a", "b");
        AppendResult first = get(log.append(batch.from(9, 0, 0), EntryFormat.PULSAR));
        AppendResult again = get(log.append(batch.from(9, 0, 0), EntryFormat.PULSAR));
        assertTrue(again.duplicate());
        assertEquals(again.baseOffset(), first.baseOffset());
        assertEquals(log.logEndOffset(), 2);
        assertTrue(failure(log.append(batch.from(9, 0, 5), EntryFormat.PULSAR)) instanceof OutOfOrderSequenceException);
        assertEquals(get(log.append(batch.from(9, 0, 2), EntryFormat.PASS_THROUGH)).baseOffset(), 2);
        assertEquals(get(log.append(batch.from(9, 1, 0), EntryFormat.PULSAR)).baseOffset(), 4);
        assertTrue(failure(log.append(batch.from(9, 0, 4), EntryFormat.PULSAR)) instanceof ProducerFencedException);
        assertEquals(get(log.append(batch.from(10, 0, 0), EntryFormat.PULSAR)).baseOffset(), 6);
    }

    @Test
    public void openingMissingPartitionsFails() {
        TopicName topic = new TopicName("public", "default", "two");
        lookup.create(topic, 2, Map.of()).join();
        assertTrue(failure(logs.open(topic, 2)) instanceof TopicNotFoundException);
        assertTrue(failure(logs.open(new TopicName("public", "default", "absent"), 0)) instanceof TopicNotFoundException);
    }

    @Test
    public void pulsarConsumersReadAppendedRecords() throws Exception {
        PartitionLog log = newLog("to-pulsar");
        TestBatch batch = new TestBatch(List.of(
                new TestBatch.Rec(1234, "k", "v", List.of(new Header("h", "x".getBytes(UTF_8)))),
                new TestBatch.Rec(1235, null, null, List.of())), ProducerInfo.NONE);
        get(log.append(batch, EntryFormat.PULSAR));
        try (Consumer<byte[]> consumer = client.newConsumer().topic(log.topic().partitionName(0))
                .subscriptionName("reader").subscriptionInitialPosition(SubscriptionInitialPosition.Earliest)
                .subscribe()) {
            Message<byte[]> first = consumer.receive(60, TimeUnit.SECONDS);
            assertEquals(first.getKey(), "k");
            assertEquals(new String(first.getValue(), UTF_8), "v");
            assertEquals(first.getProperties(), Map.of("h", "x"));
            assertEquals(first.getEventTime(), 1234);
            assertEquals(first.getIndex().orElseThrow().longValue(), 0L);
            Message<byte[]> second = consumer.receive(60, TimeUnit.SECONDS);
            assertFalse(second.hasKey());
            assertNull(second.getData());
            assertEquals(second.getEventTime(), 1235);
            assertEquals(second.getIndex().orElseThrow().longValue(), 1L);
        }
    }

    @Test
    public void pulsarProducedMessagesReadBackWithDenseOffsets() throws Exception {
        PartitionLog log = newLog("from-pulsar");
        get(log.append(TestBatch.of("mine"), EntryFormat.PULSAR));
        String partition = log.topic().partitionName(0);
        try (Producer<String> batched = client.newProducer(Schema.STRING).topic(partition)
                .enableBatching(true).batchingMaxPublishDelay(1, TimeUnit.HOURS).batchingMaxMessages(3)
                .compressionType(CompressionType.LZ4).create();
             Producer<String> single = client.newProducer(Schema.STRING).topic(partition)
                     .enableBatching(false).compressionType(CompressionType.ZSTD).create()) {
            List<CompletableFuture<?>> sent = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                sent.add(batched.newMessage().key("b" + i).value("batched-" + i).property("p", "" + i)
                        .eventTime(5000 + i).sendAsync());
            }
            CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
            single.newMessage().value("single-0").send();
            single.newMessage().keyBytes(new byte[] {(byte) 0xff, 1}).value("single-1").send();
        }
        assertEquals((long) get(log.awaitEndOffsetAbove(5)), 6L);
        try (ReadResult result = get(log.read(1, 1 << 20))) {
            List<ReadRecords> records = ReadRecords.of(result);
            assertEquals(records.size(), 5);
            for (int i = 0; i < 5; i++) {
                assertEquals(records.get(i).offset(), 1 + i);
            }
            assertEquals(records.get(0).key(), "b0");
            assertEquals(records.get(0).value(), "batched-0");
            assertEquals(records.get(0).timestamp(), 5000);
            assertEquals(records.get(2).headers().get(0).key(), "p");
            assertEquals(records.get(3).value(), "single-0");
            assertNull(records.get(3).key());
            assertEquals(records.get(4).value(), "single-1");
        }
        assertEquals(get(log.append(TestBatch.of("after"), EntryFormat.PULSAR)).baseOffset(), 6);
    }
}
