package io.tributary.it;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.AppInfoParser;
import org.testng.annotations.AfterClass;
import org.testng.annotations.BeforeClass;
import org.testng.annotations.Test;

/**
 * The Apache Kafka Java client at the version this module depends on (compat.kafka-clients.version): default
 * settings, the same scenarios as the other clients of the compatibility suite (tests/compatibility). Compiled
 * against the oldest client API it runs with (2.8), so it uses no newer calls.
 */
public class JavaClientCompatIT {

    private static final String EXPECTED_VERSION = System.getProperty("compat.kafka-clients.version", "unset");
    private static final Duration BOUND = Duration.ofSeconds(60);
    private static final int PARTITIONS = 2;
    private static final int PER_PARTITION = 6;
    private static final int FIRST_MEMBER = 5;

    private final int kafkaPort = FreePorts.next();
    private TributaryBroker broker;
    private String bootstrap;
    private Admin admin;

    @BeforeClass
    public void startBroker() throws Exception {
        broker = TributaryBroker.startKafka(kafkaPort);
        bootstrap = "localhost:" + kafkaPort;
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
    }

    @AfterClass(alwaysRun = true)
    public void stopBroker() {
        if (admin != null) {
            admin.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    /** One record: partition, offset, key, value. */
    record Rec(int partition, long offset, String key, String value) {
        static Rec of(ConsumerRecord<String, String> r) {
            return new Rec(r.partition(), r.offset(), r.key(), r.value());
        }
    }

    private KafkaProducer<String, String> producer() {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        return new KafkaProducer<>(p);
    }

    private KafkaConsumer<String, String> consumer(String group) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        if (group != null) {
            p.put(ConsumerConfig.GROUP_ID_CONFIG, group);
            p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
            p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        }
        return new KafkaConsumer<>(p);
    }

    private void createTopic(String topic, int partitions) throws Exception {
        admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get(60, TimeUnit.SECONDS);
    }

    private List<Rec> createAndFill(String topic) throws Exception {
        createTopic(topic, PARTITIONS);
        List<Rec> written = new ArrayList<>();
        try (KafkaProducer<String, String> producer = producer()) {
            for (int p = 0; p < PARTITIONS; p++) {
                for (int i = 0; i < PER_PARTITION; i++) {
                    String key = "k" + p + "-" + i;
                    String value = "v" + p + "-" + i;
                    RecordMetadata m = producer.send(new ProducerRecord<>(topic, p, key, value)).get(60, TimeUnit.SECONDS);
                    written.add(new Rec(p, m.offset(), key, value));
                }
            }
        }
        return written;
    }

    private List<Rec> readFromStart(String topic, int expected) {
        List<Rec> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = consumer(null)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, BOUND).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).collect(Collectors.toList());
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + BOUND.toNanos();
            while (records.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(500)).forEach(r -> records.add(Rec.of(r)));
            }
            consumer.poll(Duration.ofMillis(500)).forEach(r -> records.add(Rec.of(r)));
        }
        return records;
    }

    private static List<Rec> sorted(List<Rec> records) {
        return records.stream().sorted(Comparator.comparingInt(Rec::partition).thenComparingLong(Rec::offset))
                .collect(Collectors.toList());
    }

    @Test
    public void clientVersion() {
        assertEquals(AppInfoParser.getVersion(), EXPECTED_VERSION);
    }

    @Test
    public void produce() throws Exception {
        String topic = "java-produce";
        createTopic(topic, PARTITIONS);
        List<Rec> reported = new ArrayList<>();
        try (KafkaProducer<String, String> producer = producer()) {
            List<java.util.concurrent.Future<RecordMetadata>> sent = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                sent.add(producer.send(new ProducerRecord<>(topic, "k" + i, "v" + i)));
            }
            for (int i = 0; i < 10; i++) {
                RecordMetadata m = sent.get(i).get(60, TimeUnit.SECONDS);
                reported.add(new Rec(m.partition(), m.offset(), "k" + i, "v" + i));
            }
        }
        List<Rec> stored = readFromStart(topic, 10);
        assertEquals(sorted(stored), sorted(reported));
        for (int p = 0; p < PARTITIONS; p++) {
            int partition = p;
            List<Long> offsets = stored.stream().filter(r -> r.partition() == partition).map(Rec::offset)
                    .sorted().collect(Collectors.toList());
            assertEquals(offsets, IntStream.range(0, offsets.size()).mapToObj(i -> (long) i).collect(Collectors.toList()),
                    "dense offsets on partition " + p);
        }
    }

    @Test
    public void consumeFromEarliest() throws Exception {
        String topic = "java-consume";
        List<Rec> written = createAndFill(topic);
        List<Rec> read = readFromStart(topic, written.size());
        assertEquals(sorted(read), sorted(written));
        for (int p = 0; p < PARTITIONS; p++) {
            int partition = p;
            List<Long> offsets = read.stream().filter(r -> r.partition() == partition).map(Rec::offset)
                    .collect(Collectors.toList());
            assertEquals(offsets, offsets.stream().sorted().collect(Collectors.toList()), "partition " + p + " in order");
        }
    }

    /** Subscribes as the group, handles at most {@code max} records, commits exactly those and closes. */
    private List<Rec> member(String topic, String group, int max) {
        List<Rec> handled = new ArrayList<>();
        Map<TopicPartition, OffsetAndMetadata> next = new TreeMap<>(
                Comparator.comparing(TopicPartition::topic).thenComparingInt(TopicPartition::partition));
        try (KafkaConsumer<String, String> consumer = consumer(group)) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + BOUND.toNanos();
            while (handled.size() < max && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                    if (handled.size() == max) {
                        break;
                    }
                    handled.add(Rec.of(r));
                    next.put(new TopicPartition(r.topic(), r.partition()), new OffsetAndMetadata(r.offset() + 1));
                }
            }
            consumer.commitSync(next);
        }
        return handled;
    }

    private Map<Integer, Long> committed(String group) throws Exception {
        Map<Integer, Long> offsets = new TreeMap<>();
        admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get(60, TimeUnit.SECONDS)
                .forEach((tp, om) -> {
                    if (om != null) {
                        offsets.put(tp.partition(), om.offset());
                    }
                });
        return offsets;
    }

    @Test
    public void groupCommitAndResume() throws Exception {
        String topic = "java-group";
        String group = "java-group";
        List<Rec> written = createAndFill(topic);

        List<Rec> first = member(topic, group, FIRST_MEMBER);
        assertEquals(first.size(), FIRST_MEMBER, "records the first member handled: " + first);
        Map<Integer, Long> expected = new TreeMap<>();
        first.forEach(r -> expected.merge(r.partition(), r.offset() + 1, Math::max));
        Map<Integer, Long> committed = committed(group);
        assertEquals(committed.toString(), expected.toString(), "committed offsets after the first member: " + first);

        List<Rec> second = member(topic, group, written.size() - FIRST_MEMBER);
        for (Rec r : second) {
            assertTrue(r.offset() >= committed.getOrDefault(r.partition(), 0L),
                    "the second member re-read " + r + " below the committed offset " + committed);
        }
        assertEquals(new HashSet<>(second).size(), second.size(), "read twice: " + second);
        List<Rec> all = new ArrayList<>(first);
        all.addAll(second);
        assertEquals(sorted(all), sorted(written));
        assertEquals(committed(group).toString(), new TreeMap<>(Map.of(0, (long) PER_PARTITION, 1, (long) PER_PARTITION)).toString());
    }

    @Test
    public void topicAdmin() throws Exception {
        String topic = "java-admin";
        createTopic(topic, 3);
        assertTrue(admin.listTopics().names().get(60, TimeUnit.SECONDS).contains(topic));
        @SuppressWarnings("deprecation") // all() is the call both 2.8 and 3.x have
        TopicDescription description = admin.describeTopics(List.of(topic)).all().get(60, TimeUnit.SECONDS).get(topic);
        assertEquals(description.partitions().size(), 3);
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        admin.incrementalAlterConfigs(Map.of(resource, List.of(new AlterConfigOp(
                new ConfigEntry("retention.ms", "3600000"), AlterConfigOp.OpType.SET)))).all().get(60, TimeUnit.SECONDS);
        assertEquals(admin.describeConfigs(List.of(resource)).all().get(60, TimeUnit.SECONDS).get(resource)
                .get("retention.ms").value(), "3600000");
        admin.deleteTopics(List.of(topic)).all().get(60, TimeUnit.SECONDS);
        Eventually.until("the topic is gone", BOUND, () -> !admin.listTopics().names().get().contains(topic));
        @SuppressWarnings("deprecation")
        ExecutionException missing = org.testng.Assert.expectThrows(ExecutionException.class,
                () -> admin.describeTopics(List.of(topic)).all().get(60, TimeUnit.SECONDS));
        assertTrue(missing.getCause() instanceof UnknownTopicOrPartitionException, missing.toString());
        assertFalse(admin.listTopics().names().get().contains(topic));
    }
}
