package io.tributary.kafka.topic;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.testng.Assert.assertEquals;

import io.tributary.kafka.KafkaConfig;
import io.tributary.spi.storage.NotOwnerException;
import io.tributary.spi.storage.PartitionLog;
import io.tributary.spi.storage.PartitionLogs;
import io.tributary.spi.topic.TopicLookup;
import io.tributary.spi.topic.TopicMetadata;
import io.tributary.spi.topic.TopicName;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.testng.annotations.BeforeMethod;
import org.testng.annotations.Test;

public class KafkaTopicsTest {

    private TopicLookup lookup;
    private PartitionLogs logs;
    private KafkaTopics topics;
    private TopicName name;

    @BeforeMethod
    public void createTopics() {
        lookup = mock(TopicLookup.class);
        logs = mock(PartitionLogs.class);
        topics = new KafkaTopics(lookup, logs, KafkaConfig.from(Map.of()));
        name = topics.parse("orders");
        when(logs.open(any(), anyInt())).thenReturn(CompletableFuture.completedFuture(mock(PartitionLog.class)));
    }

    private static CompletableFuture<TopicMetadata> metadata(TopicName name, int partitions) {
        return CompletableFuture.completedFuture(new TopicMetadata(name, partitions, true, UUID.randomUUID(), Map.of()));
    }

    @Test
    public void aCreatedTopicStartsLoadingEveryPartition() {
        when(lookup.create(name, 3, Map.of())).thenReturn(metadata(name, 3));

        assertEquals(topics.create(name, 3, Map.of()).join().partitions(), 3);

        verify(logs).open(name, 0);
        verify(logs).open(name, 1);
        verify(logs).open(name, 2);
    }

    @Test
    public void addedPartitionsStartLoadingToo() {
        when(lookup.createPartitions(name, 2)).thenReturn(metadata(name, 2));

        topics.createPartitions(name, 2).join();

        verify(logs).open(name, 1);
    }

    @Test
    public void partitionsThatDoNotLoadHereLeaveTheCreationSuccessful() {
        when(lookup.create(name, 2, Map.of())).thenReturn(metadata(name, 2));
        when(logs.open(name, 0)).thenReturn(CompletableFuture.failedFuture(new NotOwnerException("elsewhere")));
        when(logs.open(name, 1)).thenReturn(new CompletableFuture<>());

        assertEquals(topics.create(name, 2, Map.of()).join().name(), name);
    }

    @Test
    public void aFailedCreationLoadsNothing() {
        when(lookup.create(name, 2, Map.of())).thenReturn(CompletableFuture.failedFuture(new IllegalStateException("no")));

        topics.create(name, 2, Map.of()).exceptionally(e -> null).join();

        verify(logs, never()).open(any(), anyInt());
    }
}
