package io.tributary.it;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.LongDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.testng.annotations.AfterMethod;
import org.testng.annotations.Test;

/**
 * Apache Kafka Streams 4.3.1's own word count example ({@code WordCountDemo}), unmodified, against the broker: its
 * default store (RocksDB on local disk), a repartition topic and a changelog topic, at least once. An instance started
 * on another state directory, as on another machine, rebuilds the store from the changelog and goes on counting. The
 * application runs in a child JVM with Streams' own dependencies (tests/streams-app).
 */
public class KafkaStreamsExampleCompatIT extends BrokerPerClass {

    private static final Duration BOUND = Duration.ofSeconds(120);
    private static final String APPLICATION = "streams-wordcount";
    private static final String INPUT = "streams-plaintext-input";
    private static final String OUTPUT = "streams-wordcount-output";

    private Process application;
    private Path directory;

    @AfterMethod(alwaysRun = true)
    public void stopApplication() throws Exception {
        stop();
        if (directory != null) {
            try (Stream<Path> paths = Files.walk(directory)) {
                paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    @Test
    public void wordCountGoesOnFromTheChangelogOnAnotherMachine() throws Exception {
        reference.createTopic(INPUT, 2);
        reference.createTopic(OUTPUT, 2);
        directory = Files.createTempDirectory("tributary-streams-example");
        List<String> firstLines = List.of("the quick fox", "the lazy dog", "quick quick", "dog");
        reference.send(INPUT, firstLines);
        Path firstMachine = directory.resolve("first-machine");
        start(directory, firstMachine);
        awaitCounts(directory, counts(firstLines));
        stop();
        assertTrue(rocksDbFiles(firstMachine) > 0, "RocksDB files of the count store under " + firstMachine);
        List<String> changelogs = internalTopics("-changelog");
        assertEquals(changelogs.size(), 1, "changelog topics Streams created: " + changelogs);
        assertEquals(reference.topicConfig(changelogs.get(0), "cleanup.policy"), "compact", changelogs.get(0));
        assertEquals(internalTopics("-repartition").size(), 1, "repartition topics Streams created");
        assertEquals(committedInput(), firstLines.size(), "input offsets the first instance committed");

        // The new instance starts after the first lines and its state directory is empty: counts that go on from the
        // first lines' come from the changelog.
        List<String> moreLines = List.of("the end", "fox dog fox");
        reference.send(INPUT, moreLines);
        List<String> all = new ArrayList<>(firstLines);
        all.addAll(moreLines);
        Path secondMachine = directory.resolve("second-machine");
        start(directory, secondMachine);
        awaitCounts(directory, counts(all));
        assertTrue(rocksDbFiles(secondMachine) > 0, "RocksDB files of the count store under " + secondMachine);
        Eventually.until("the application's committed input offsets reaching " + all.size(), BOUND,
                () -> committedInput() == all.size());
    }

    /** The sum of the offsets the application's group committed on the input topic's partitions. */
    private long committedInput() throws Exception {
        return reference.committed(APPLICATION, INPUT).values().stream().mapToLong(Long::longValue).sum();
    }

    private List<String> internalTopics(String suffix) throws Exception {
        return reference.topicNames().stream()
                .filter(topic -> topic.startsWith(APPLICATION + "-") && topic.endsWith(suffix)).sorted().toList();
    }

    private static Map<String, Long> counts(List<String> lines) {
        return lines.stream().flatMap(line -> Arrays.stream(line.split(" ")))
                .collect(Collectors.groupingBy(word -> word, TreeMap::new, Collectors.counting()));
    }

    /**
     * Reads the output topic from the start until each word's latest count is the expected one; fails at once when
     * the application exits.
     */
    private void awaitCounts(Path directory, Map<String, Long> expected) throws Exception {
        Map<String, Long> latest = new TreeMap<>();
        try (KafkaConsumer<String, Long> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap), new StringDeserializer(), new LongDeserializer())) {
            List<TopicPartition> partitions = List.of(new TopicPartition(OUTPUT, 0), new TopicPartition(OUTPUT, 1));
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + BOUND.toNanos();
            while (!latest.equals(expected) && System.nanoTime() < deadline) {
                if (!application.isAlive()) {
                    throw new AssertionError("the application exited: " + log(directory));
                }
                for (ConsumerRecord<String, Long> record : consumer.poll(Duration.ofMillis(200))) {
                    latest.put(record.key(), record.value());
                }
            }
        }
        assertEquals(latest, expected, "latest count of each word");
    }

    /** Starts the example with its state under {@code stateDirectory}; its output goes to a log in {@code directory}. */
    private void start(Path directory, Path stateDirectory) throws Exception {
        Path properties = directory.resolve("streams.properties");
        Files.writeString(properties, String.join("\n",
                "bootstrap.servers=" + bootstrap,
                "state.dir=" + stateDirectory,
                "commit.interval.ms=100",
                // The example closes without leaving its group, so the next instance waits for this to expire.
                "session.timeout.ms=6000",
                "heartbeat.interval.ms=1000",
                ""));
        Path lib = Path.of(System.getProperty("streams.lib", "../streams-app/target/lib"));
        application = ChildJvm.start(lib, "org.apache.kafka.streams.examples.wordcount.WordCountDemo",
                directory.resolve("streams.log"), properties.toString());
    }

    /** Stops the application as a service manager would (SIGTERM); the example's shutdown hook closes Streams. */
    private void stop() throws InterruptedException {
        if (application != null) {
            ChildJvm.stop(application);
            application = null;
        }
    }

    /** Files of the application's RocksDB stores under {@code stateDirectory}, across its tasks. */
    private static long rocksDbFiles(Path stateDirectory) throws Exception {
        Path stores = stateDirectory.resolve(APPLICATION);
        if (!Files.isDirectory(stores)) {
            return 0;
        }
        try (Stream<Path> paths = Files.walk(stores)) {
            return paths.filter(Files::isRegularFile).filter(file -> file.toString().contains("/rocksdb/")).count();
        }
    }

    private static String log(Path directory) throws Exception {
        Path log = directory.resolve("streams.log");
        return Files.exists(log) ? Files.readString(log) : "(no output)";
    }
}
