package io.tributary.it;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertTrue;

import com.google.common.io.MoreFiles;
import com.google.common.io.RecursiveDeleteOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.LongDeserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.processor.StateRestoreListener;
import org.apache.kafka.streams.state.Stores;
import org.testng.annotations.AfterClass;
import org.testng.annotations.BeforeClass;
import org.testng.annotations.Test;

/**
 * A Kafka Streams application (word count: a repartition topic, a state store with its changelog topic, an output
 * topic) runs against the broker, at its default processing guarantee (at least once). Streams creates its internal
 * topics with Kafka's log settings, and a new instance of the application restores its state from the changelog
 * and resumes from the committed offsets.
 */
public class KafkaStreamsIT {

    private static final Duration BOUND = Duration.ofSeconds(120);
    private static final String APPLICATION = "wordcount";
    private static final String INPUT = "lines";
    private static final String OUTPUT = "word-counts";

    private final int kafkaPort = FreePorts.next();
    private TributaryBroker broker;
    private KafkaClients kafka;
    private Path stateDirectory;

    @BeforeClass
    public void startBroker() throws Exception {
        broker = TributaryBroker.startKafka(kafkaPort);
        kafka = new KafkaClients(kafkaPort);
        stateDirectory = Files.createTempDirectory("tributary-streams");
    }

    @AfterClass(alwaysRun = true)
    public void stopBroker() throws Exception {
        if (broker != null) {
            broker.close();
        }
        if (stateDirectory != null) {
            MoreFiles.deleteRecursively(stateDirectory, RecursiveDeleteOption.ALLOW_INSECURE);
        }
    }

    @Test
    public void wordCountRunsAndANewInstanceRestoresItsState() throws Exception {
        kafka.createTopic(INPUT, 2);
        kafka.createTopic(OUTPUT, 2);
        List<String> firstLines = List.of("the quick fox", "the lazy dog", "quick quick", "dog");
        produce(firstLines);
        KafkaStreams first = start(new AtomicLong());
        try {
            awaitCounts(first, counts(firstLines));
        } finally {
            stop(first);
        }

        try (Admin admin = kafka.admin()) {
            Set<String> topics = admin.listTopics().names().get();
            String repartition = APPLICATION + "-counts-repartition";
            String changelog = APPLICATION + "-counts-changelog";
            assertTrue(topics.containsAll(List.of(repartition, changelog)), topics.toString());
            Map<ConfigResource, Config> configs = admin.describeConfigs(List.of(
                    new ConfigResource(ConfigResource.Type.TOPIC, repartition),
                    new ConfigResource(ConfigResource.Type.TOPIC, changelog))).all().get();
            Config repartitionConfig = configs.get(new ConfigResource(ConfigResource.Type.TOPIC, repartition));
            assertEquals(repartitionConfig.get("cleanup.policy").value(), "delete");
            assertEquals(repartitionConfig.get("retention.ms").value(), "-1");
            assertEquals(repartitionConfig.get("segment.bytes").value(), "52428800");
            assertEquals(configs.get(new ConfigResource(ConfigResource.Type.TOPIC, changelog))
                    .get("cleanup.policy").value(), "compact");
        }

        try (Admin admin = kafka.admin()) {
            long committed = admin.listConsumerGroupOffsets(APPLICATION).partitionsToOffsetAndMetadata().get()
                    .entrySet().stream().filter(e -> e.getKey().topic().equals(INPUT))
                    .mapToLong(e -> e.getValue().offset()).sum();
            assertEquals(committed, firstLines.size(), "input offsets the application committed");
        }

        // The store is in memory: the new instance has only the changelog to rebuild the counts from.
        List<String> moreLines = List.of("the end", "fox dog fox");
        produce(moreLines);
        List<String> all = new ArrayList<>(firstLines);
        all.addAll(moreLines);
        AtomicLong restored = new AtomicLong();
        KafkaStreams second = start(restored);
        try {
            awaitCounts(second, counts(all));
        } finally {
            stop(second);
        }
        assertTrue(restored.get() >= counts(firstLines).size(),
                "records restored from the changelog, at least one count per word of the first lines: " + restored);
    }

    /** Starts an instance of the application; {@code restored} counts the records it restores into its store. */
    private KafkaStreams start(AtomicLong restored) {
        StreamsBuilder builder = new StreamsBuilder();
        builder.<String, String>stream(INPUT)
                .flatMapValues(line -> Arrays.asList(line.split(" ")))
                .groupBy((key, word) -> word)
                .count(Materialized.as(Stores.inMemoryKeyValueStore("counts")))
                .toStream()
                .to(OUTPUT, Produced.with(Serdes.String(), Serdes.Long()));
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, APPLICATION);
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:" + kafkaPort);
        config.put(StreamsConfig.DEFAULT_KEY_SERDE_CLASS_CONFIG, Serdes.StringSerde.class);
        config.put(StreamsConfig.DEFAULT_VALUE_SERDE_CLASS_CONFIG, Serdes.StringSerde.class);
        config.put(StreamsConfig.STATE_DIR_CONFIG, stateDirectory.toString());
        config.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
        config.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 0);
        KafkaStreams streams = new KafkaStreams(builder.build(), config);
        streams.setGlobalStateRestoreListener(new StateRestoreListener() {
            @Override
            public void onRestoreStart(TopicPartition partition, String store, long startOffset, long endOffset) {
            }

            @Override
            public void onBatchRestored(TopicPartition partition, String store, long batchEndOffset, long count) {
                restored.addAndGet(count);
            }

            @Override
            public void onRestoreEnd(TopicPartition partition, String store, long totalRestored) {
            }
        });
        streams.start();
        return streams;
    }

    /** Closes the instance and leaves the group, so the next instance need not wait for its session to time out. */
    private static void stop(KafkaStreams streams) {
        streams.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
                .withTimeout(BOUND));
    }

    private void produce(List<String> lines) throws Exception {
        try (KafkaProducer<String, String> producer = kafka.producer(Map.of())) {
            for (int i = 0; i < lines.size(); i++) {
                producer.send(new ProducerRecord<>(INPUT, "line-" + i, lines.get(i))).get();
            }
        }
    }

    private static Map<String, Long> counts(List<String> lines) {
        return lines.stream().flatMap(line -> Arrays.stream(line.split(" ")))
                .collect(Collectors.groupingBy(word -> word, TreeMap::new, Collectors.counting()));
    }

    /**
     * Reads the output topic from the start until each word's latest count is the expected one; fails at once when
     * the application stops on an error.
     */
    private void awaitCounts(KafkaStreams streams, Map<String, Long> expected) throws Exception {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:" + kafkaPort);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        Map<String, Long> latest = new TreeMap<>();
        try (KafkaConsumer<String, Long> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new LongDeserializer())) {
            List<TopicPartition> partitions = List.of(new TopicPartition(OUTPUT, 0), new TopicPartition(OUTPUT, 1));
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + BOUND.toNanos();
            while (!latest.equals(expected) && System.nanoTime() < deadline) {
                assertTrue(streams.state().isRunningOrRebalancing(), "application state " + streams.state());
                for (ConsumerRecord<String, Long> record : consumer.poll(Duration.ofMillis(200))) {
                    latest.put(record.key(), record.value());
                }
            }
            assertEquals(latest, expected, "latest count of each word");
        }
    }
}
