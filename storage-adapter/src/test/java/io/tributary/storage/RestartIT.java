package io.tributary.storage;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertTrue;

import com.google.common.io.MoreFiles;
import com.google.common.io.RecursiveDeleteOption;
import io.tributary.lookup.ProtocolEndpoints;
import io.tributary.lookup.PulsarTopicLookup;
import io.tributary.spi.storage.AppendResult;
import io.tributary.spi.storage.EntryFormat;
import io.tributary.spi.storage.OffsetOutOfRangeException;
import io.tributary.spi.storage.PartitionLog;
import io.tributary.spi.storage.ReadResult;
import io.tributary.spi.topic.TopicMetadata;
import io.tributary.spi.topic.TopicName;
import io.tributary.standalone.EmbeddedBroker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.testng.annotations.AfterClass;
import org.testng.annotations.Test;

public class RestartIT {

    private static final TopicName TOPIC = new TopicName("public", "default", "durable");

    private Path dataDir;
    private EmbeddedBroker broker;
    private ManagedLedgerPartitionLogs logs;

    @AfterClass(alwaysRun = true)
    public void stop() throws IOException {
        stopBroker();
        if (dataDir != null) {
            MoreFiles.deleteRecursively(dataDir, RecursiveDeleteOption.ALLOW_INSECURE);
        }
    }

    private PulsarTopicLookup start(Path dir) throws Exception {
        broker = Broker.start(dir);
        logs = new ManagedLedgerPartitionLogs(broker.pulsar(), 64L << 20, 16L << 20);
        return new PulsarTopicLookup(broker.pulsar(), new ProtocolEndpoints(broker.pulsar().getLocalMetadataStore()));
    }

    private void stopBroker() {
        if (logs != null) {
            logs.close();
            logs = null;
        }
        if (broker != null) {
            broker.close();
            broker = null;
        }
    }

    @Test
    public void offsetsDataLogStartAndProducersSurviveARestart() throws Exception {
        dataDir = Files.createTempDirectory("restart-it");
        PulsarTopicLookup lookup = start(dataDir);
        TopicMetadata created = lookup.create(TOPIC, 2, Map.of("retention.ms", "86400000")).join();
        PartitionLog log = logs.open(TOPIC, 1).join();
        log.append(TestBatch.of("a", "b").from(33, 2, 0), EntryFormat.PULSAR).join();
        log.append(TestBatch.of("c").from(33, 2, 2), EntryFormat.PASS_THROUGH).join();
        AppendResult last = log.append(TestBatch.of("d", "e").from(33, 2, 3), EntryFormat.PULSAR).join();
        log.deleteRecordsBefore(1).join();
        stopBroker();

        lookup = start(dataDir);
        assertEquals(lookup.describe(TOPIC).join().orElseThrow(), created);
        PartitionLog reopened = logs.open(TOPIC, 1).get(60, TimeUnit.SECONDS);
        assertEquals(reopened.logEndOffset(), 5);
        assertEquals(reopened.logStartOffset(), 1);
        try (ReadResult result = reopened.read(1, 1 << 20).get(60, TimeUnit.SECONDS)) {
            List<ReadRecords> records = ReadRecords.of(result);
            assertEquals(records.get(0).offset(), 0);
            assertEquals(records.get(1), new ReadRecords(1, records.get(1).timestamp(), "key-b", "b", List.of()));
            assertEquals(records.get(2).value(), "c");
            assertEquals(records.get(3).offset(), 3);
            assertEquals(records.get(4).value(), "e");
        }
        CompletionException below = org.testng.Assert.expectThrows(CompletionException.class,
                () -> reopened.read(0, 100).join());
        assertTrue(below.getCause() instanceof OffsetOutOfRangeException);
        AppendResult duplicate = reopened.append(TestBatch.of("d", "e").from(33, 2, 3), EntryFormat.PULSAR).join();
        assertTrue(duplicate.duplicate());
        assertEquals(duplicate.baseOffset(), last.baseOffset());
        assertEquals(reopened.append(TestBatch.of("f").from(33, 2, 5), EntryFormat.PULSAR).join().baseOffset(), 5);
        assertEquals(reopened.logEndOffset(), 6);
    }
}
