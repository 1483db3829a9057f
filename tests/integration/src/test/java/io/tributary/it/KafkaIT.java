package io.tributary.it;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertNull;
import static org.testng.Assert.assertTrue;
import static org.testng.Assert.expectThrows;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.LogDirDescription;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.admin.ReplicaInfo;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.InvalidConfigurationException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.pulsar.client.admin.PulsarAdmin;
import org.apache.pulsar.client.api.CompressionType;
import org.apache.pulsar.client.api.Consumer;
import org.apache.pulsar.client.api.Message;
import org.apache.pulsar.client.api.Producer;
import org.apache.pulsar.client.api.PulsarClient;
import org.apache.pulsar.client.api.Schema;
import org.apache.pulsar.client.api.SubscriptionInitialPosition;
import org.apache.pulsar.common.policies.data.RetentionPolicies;
import org.testng.annotations.AfterClass;
import org.testng.annotations.BeforeClass;
import org.testng.annotations.DataProvider;
import org.testng.annotations.Test;

/** Unmodified Kafka clients at default settings, and Pulsar clients, against the Kafka module on a real broker. */
public class KafkaIT {

    private final int kafkaPort = FreePorts.next();
    private TributaryBroker broker;
    private KafkaClients kafka;
    private PulsarClient pulsar;

    @BeforeClass
    public void startBroker() throws Exception {
        broker = TributaryBroker.start("kafka://0.0.0.0:" + kafkaPort, Map.of(), TributaryBroker.KAFKA_MODULE);
        kafka = new KafkaClients(kafkaPort);
        pulsar = PulsarClient.builder().serviceUrl(broker.pulsarUrl()).build();
    }

    @AfterClass(alwaysRun = true)
    public void stopBroker() throws Exception {
        if (pulsar != null) {
            pulsar.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    public void adminManagesTopics() throws Exception {
        try (Admin admin = kafka.admin()) {
            admin.createTopics(List.of(new NewTopic("admin-topic", 2, (short) 1)
                    .configs(Map.of("retention.ms", "3600000")))).all().get();

            TopicDescription description = admin.describeTopics(List.of("admin-topic")).allTopicNames().get()
                    .get("admin-topic");
            assertEquals(description.partitions().size(), 2);
            assertTrue(admin.listTopics().names().get().contains("admin-topic"));

            admin.createPartitions(Map.of("admin-topic", NewPartitions.increaseTo(3))).all().get();
            assertEquals(admin.describeTopics(List.of("admin-topic")).allTopicNames().get()
                    .get("admin-topic").partitions().size(), 3);

            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, "admin-topic");
            Config config = admin.describeConfigs(List.of(resource)).all().get().get(resource);
            assertEquals(config.get("retention.ms").value(), "3600000");
            admin.incrementalAlterConfigs(Map.of(resource, List.of(new AlterConfigOp(
                    new ConfigEntry("retention.ms", "7200000"), AlterConfigOp.OpType.SET)))).all().get();
            assertEquals(admin.describeConfigs(List.of(resource)).all().get().get(resource).get("retention.ms").value(),
                    "7200000");

            assertEquals(admin.describeCluster().nodes().get().size(), 1);

            admin.deleteTopics(List.of("admin-topic")).all().get();
            ExecutionException missing = expectThrows(ExecutionException.class,
                    () -> admin.describeTopics(List.of("admin-topic")).allTopicNames().get());
            assertTrue(missing.getCause() instanceof UnknownTopicOrPartitionException, missing.toString());
        }
    }

    @Test
    public void logDirsShowEveryPartitionWithTheBytesItsLedgerHolds() throws Exception {
        String topic = "sized-topic";
        kafka.createTopic(topic, 2);
        try (KafkaProducer<String, String> producer = kafka.producer(Map.of())) {
            for (int i = 0; i < 100; i++) {
                producer.send(new ProducerRecord<>(topic, 0, "k" + i, "v".repeat(1000))).get();
            }
        }
        try (Admin admin = kafka.admin()) {
            int node = admin.describeCluster().nodes().get().iterator().next().id();
            LogDirDescription dir = admin.describeLogDirs(List.of(node)).allDescriptions().get().get(node).values()
                    .iterator().next();
            ReplicaInfo written = dir.replicaInfos().get(new TopicPartition(topic, 0));
            ReplicaInfo empty = dir.replicaInfos().get(new TopicPartition(topic, 1));
            assertTrue(written.size() >= 100 * 1000, "partition 0: " + written.size());
            assertEquals(empty.size(), 0);
            assertEquals(dir.totalBytes(), OptionalLong.empty());
        }
    }

    @Test
    public void adminAltersTopicSettingsAndRetentionTakesEffectInPulsar() throws Exception {
        String topic = "altered-topic";
        String pulsarTopic = "persistent://public/default/" + topic;
        PulsarAdmin pulsarAdmin = BrokerAdmin.of(broker);
        try (Admin admin = kafka.admin()) {
            admin.createTopics(List.of(new NewTopic(topic, 2, (short) 1))).all().get();
            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
            admin.incrementalAlterConfigs(Map.of(resource, List.of(
                    new AlterConfigOp(new ConfigEntry("retention.ms", "7200000"), AlterConfigOp.OpType.SET),
                    new AlterConfigOp(new ConfigEntry("retention.bytes", "10485760"), AlterConfigOp.OpType.SET))))
                    .all().get();
            Config config = admin.describeConfigs(List.of(resource)).all().get().get(resource);
            assertEquals(config.get("retention.ms").value(), "7200000");
            assertEquals(config.get("retention.ms").source(), ConfigEntry.ConfigSource.DYNAMIC_TOPIC_CONFIG);
            Eventually.until("retention of 120 minutes and 10 MB on " + pulsarTopic, Duration.ofSeconds(30),
                    () -> new RetentionPolicies(120, 10).equals(pulsarAdmin.topicPolicies().getRetention(pulsarTopic)));

            admin.incrementalAlterConfigs(Map.of(resource, List.of(
                    new AlterConfigOp(new ConfigEntry("retention.ms", ""), AlterConfigOp.OpType.DELETE),
                    new AlterConfigOp(new ConfigEntry("retention.bytes", ""), AlterConfigOp.OpType.DELETE))))
                    .all().get();
            assertEquals(admin.describeConfigs(List.of(resource)).all().get().get(resource).get("retention.ms").source(),
                    ConfigEntry.ConfigSource.DEFAULT_CONFIG);
            Eventually.until("no retention policy of its own on " + pulsarTopic, Duration.ofSeconds(30),
                    () -> pulsarAdmin.topicPolicies().getRetention(pulsarTopic) == null);

            ExecutionException unknown = expectThrows(ExecutionException.class, () -> admin.incrementalAlterConfigs(
                    Map.of(resource, List.of(new AlterConfigOp(new ConfigEntry("no.such.config", "1"),
                            AlterConfigOp.OpType.SET)))).all().get());
            assertTrue(unknown.getCause() instanceof InvalidConfigurationException, unknown.toString());
            ExecutionException fixed = expectThrows(ExecutionException.class, () -> admin.incrementalAlterConfigs(
                    Map.of(resource, List.of(new AlterConfigOp(new ConfigEntry("min.insync.replicas", "2"),
                            AlterConfigOp.OpType.SET)))).all().get());
            assertTrue(fixed.getCause() instanceof InvalidConfigurationException, fixed.toString());
            assertTrue(fixed.getCause().getMessage().contains("ack quorum"), fixed.getCause().getMessage());
        }
    }

    @Test
    public void defaultProducerAndConsumerRoundTripWithDenseOffsets() throws Exception {
        String topic = "round-trip";
        kafka.createTopic(topic, 3);
        int count = 3000;
        Map<Integer, List<Long>> offsets = new HashMap<>();
        try (KafkaProducer<String, String> producer = kafka.producer(Map.of())) {
            List<java.util.concurrent.Future<RecordMetadata>> sent = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                ProducerRecord<String, String> record = new ProducerRecord<>(topic, i % 3, "key-" + i, "value-" + i);
                record.headers().add(new RecordHeader("seq", Integer.toString(i).getBytes(StandardCharsets.UTF_8)));
                sent.add(producer.send(record));
            }
            for (var future : sent) {
                RecordMetadata metadata = future.get(60, TimeUnit.SECONDS);
                offsets.computeIfAbsent(metadata.partition(), p -> new ArrayList<>()).add(metadata.offset());
            }
        }
        for (int p = 0; p < 3; p++) {
            assertEquals(offsets.get(p), IntStream.range(0, count / 3).mapToObj(i -> (long) i).toList(),
                    "dense offsets on partition " + p);
        }

        List<ConsumerRecord<String, String>> records = kafka.readFromStart(partitions(topic, 3), count);

        assertEquals(records.size(), count);
        for (ConsumerRecord<String, String> record : records) {
            int i = Integer.parseInt(record.key().substring("key-".length()));
            assertEquals(record.value(), "value-" + i);
            assertEquals(record.partition(), i % 3);
            assertEquals(record.offset(), i / 3);
            assertEquals(new String(record.headers().lastHeader("seq").value(), StandardCharsets.UTF_8),
                    Integer.toString(i));
        }
    }

    @DataProvider
    public Object[][] codecs() {
        return new Object[][] {{"none"}, {"gzip"}, {"snappy"}, {"lz4"}, {"zstd"}};
    }

    @Test(dataProvider = "codecs")
    public void everyCompressionCodecRoundTrips(String codec) throws Exception {
        String topic = "codec-" + codec;
        int count = 500;
        try (KafkaProducer<String, String> producer = kafka.producer(Map.of(
                ProducerConfig.COMPRESSION_TYPE_CONFIG, codec, ProducerConfig.LINGER_MS_CONFIG, 20))) {
            for (int i = 0; i < count; i++) {
                producer.send(new ProducerRecord<>(topic, "k" + i, "compressible value " + i + " ".repeat(100)));
            }
            producer.flush();
        }

        List<ConsumerRecord<String, String>> records = kafka.readFromStart(partitions(topic, 1), count);

        assertEquals(records.size(), count);
        assertEquals(records.get(count - 1).value().trim(), "compressible value " + (count - 1));
    }

    @Test
    public void pulsarConsumerReadsWhatKafkaProduced() throws Exception {
        String topic = "kafka-to-pulsar";
        kafka.createTopic(topic, 1);
        try (Consumer<byte[]> consumer = pulsar.newConsumer().topic("persistent://public/default/" + topic)
                .subscriptionName("reader").subscriptionInitialPosition(SubscriptionInitialPosition.Earliest)
                .subscribe();
             KafkaProducer<String, String> producer = kafka.producer(Map.of())) {
            ProducerRecord<String, String> record = new ProducerRecord<>(topic, 0, 1_700_000_000_000L, "the-key", "the-value");
            record.headers().add(new RecordHeader("origin", "kafka".getBytes(StandardCharsets.UTF_8)));
            producer.send(record).get();
            producer.send(new ProducerRecord<>(topic, 0, "tombstone", null)).get();

            Message<byte[]> first = consumer.receive(30, TimeUnit.SECONDS);
            assertEquals(first.getKey(), "the-key");
            assertEquals(new String(first.getValue(), StandardCharsets.UTF_8), "the-value");
            assertEquals(first.getEventTime(), 1_700_000_000_000L);
            assertEquals(first.getProperty("origin"), "kafka");
            Message<byte[]> second = consumer.receive(30, TimeUnit.SECONDS);
            assertEquals(second.getKey(), "tombstone");
            assertNull(second.getValue());
        }
    }

    @Test
    public void kafkaConsumerReadsWhatPulsarProduced() throws Exception {
        String topic = "pulsar-to-kafka";
        kafka.createTopic(topic, 1);
        int count = 200;
        try (Producer<String> batched = pulsar.newProducer(Schema.STRING)
                .topic("persistent://public/default/" + topic + "-partition-0")
                .enableBatching(true).compressionType(CompressionType.LZ4).create();
             Producer<String> single = pulsar.newProducer(Schema.STRING)
                .topic("persistent://public/default/" + topic + "-partition-0")
                .enableBatching(false).create()) {
            for (int i = 0; i < count / 2; i++) {
                batched.newMessage().key("k" + i).value("batched-" + i).property("p", "v" + i).sendAsync();
            }
            batched.flush();
            for (int i = count / 2; i < count; i++) {
                single.newMessage().key("k" + i).value("single-" + i).send();
            }
        }

        List<ConsumerRecord<String, String>> records = kafka.readFromStart(partitions(topic, 1), count);

        assertEquals(records.size(), count);
        for (int i = 0; i < count; i++) {
            ConsumerRecord<String, String> record = records.get(i);
            assertEquals(record.offset(), i, "dense offsets");
            assertEquals(record.key(), "k" + i);
            assertEquals(record.value(), (i < count / 2 ? "batched-" : "single-") + i);
        }
        assertEquals(new String(records.get(0).headers().lastHeader("p").value(), StandardCharsets.UTF_8), "v0");
    }

    @Test
    public void theBrokerMetricsShowTheStorageMemoryAndLogs() throws Exception {
        String topic = "metrics";
        kafka.createTopic(topic, 2);
        try (KafkaProducer<String, String> producer = kafka.producer(Map.of())) {
            for (int i = 0; i < 20; i++) {
                producer.send(new ProducerRecord<>(topic, i % 2, "k" + i, "v" + i)).get();
            }
        }
        assertEquals(kafka.readFromStart(partitions(topic, 2), 20).size(), 20);

        String metrics = broker.metrics();

        assertTrue(sample(metrics, "tributary_storage_partition_logs") >= 2, "both partitions are loaded");
        assertTrue(sample(metrics, "tributary_storage_recent_batches_bytes") > 0, "the batches just written");
        assertTrue(sample(metrics, "tributary_storage_recent_batches_limit_bytes")
                >= sample(metrics, "tributary_storage_recent_batches_bytes"));
        assertTrue(sample(metrics, "tributary_storage_read_ahead_limit_bytes") > 0);
        assertTrue(metrics.contains("# TYPE tributary_storage_read_ahead_refused_total counter\n"));
        assertTrue(metrics.contains("pulsar_topics_count"), "next to Pulsar's own metrics");
    }

    @Test
    public void theBrokerMetricsShowKafkaRequestsTheirErrorsAndConnections() throws Exception {
        String topic = "request-metrics";
        kafka.createTopic(topic, 1);
        try (KafkaProducer<String, String> producer = kafka.producer(Map.of());
             Admin admin = kafka.admin()) {
            for (int i = 0; i < 5; i++) {
                producer.send(new ProducerRecord<>(topic, "k" + i, "v" + i)).get();
            }
            ExecutionException missing = expectThrows(ExecutionException.class,
                    () -> admin.describeTopics(List.of("no-such-topic")).allTopicNames().get());
            assertTrue(missing.getCause() instanceof UnknownTopicOrPartitionException, missing.toString());

            String metrics = broker.metrics();

            assertTrue(sample(metrics, "tributary_kafka_connections") >= 2, "the producer's and the admin's");
            long produced = sample(metrics, "tributary_kafka_requests_total", "api=\"Produce\"");
            assertTrue(produced >= 5, "one request per record sent and awaited: " + produced);
            assertTrue(sample(metrics, "tributary_kafka_request_errors_total",
                    "api=\"Metadata\",error=\"UNKNOWN_TOPIC_OR_PARTITION\"") >= 1, metrics);
            assertEquals(sample(metrics, "tributary_kafka_request_duration_seconds_count", "api=\"Produce\""), produced);
            assertEquals(sample(metrics, "tributary_kafka_request_duration_seconds_bucket",
                    "api=\"Produce\",le=\"+Inf\""), produced);
            assertTrue(metrics.contains("# TYPE tributary_kafka_request_duration_seconds histogram\n"));
            assertTrue(sample(metrics, "tributary_kafka_received_bytes_total") > 0);
            assertTrue(sample(metrics, "tributary_kafka_sent_bytes_total") > 0);
        }
    }

    private static long sample(String metrics, String name) {
        return sample(metrics, name, null);
    }

    /** The value of the series of {@code name} with the cluster label and then {@code labels}, if any. */
    private static long sample(String metrics, String name, String labels) {
        String prefix = name + "{cluster=\"standalone\"" + (labels == null ? "" : "," + labels) + "} ";
        return metrics.lines().filter(line -> line.startsWith(prefix))
                .mapToLong(line -> Long.parseLong(line.substring(prefix.length())))
                .findFirst().orElseThrow(() -> new AssertionError(name + " missing from /metrics/"));
    }

    @Test
    public void listOffsetsAndDeleteRecords() throws Exception {
        String topic = "offsets";
        kafka.createTopic(topic, 1);
        long middle;
        try (KafkaProducer<String, String> producer = kafka.producer(Map.of())) {
            for (int i = 0; i < 10; i++) {
                producer.send(new ProducerRecord<>(topic, "k", "v" + i)).get();
            }
            // Records 0-9 are stamped before middle and 10-19 after it, each at least one millisecond apart.
            Thread.sleep(20);
            middle = System.currentTimeMillis();
            Thread.sleep(20);
            for (int i = 10; i < 20; i++) {
                producer.send(new ProducerRecord<>(topic, "k", "v" + i)).get();
            }
        }
        TopicPartition tp = new TopicPartition(topic, 0);
        try (Admin admin = kafka.admin()) {
            assertEquals(admin.listOffsets(Map.of(tp, OffsetSpec.earliest())).partitionResult(tp).get().offset(), 0L);
            assertEquals(admin.listOffsets(Map.of(tp, OffsetSpec.latest())).partitionResult(tp).get().offset(), 20L);
            assertEquals(admin.listOffsets(Map.of(tp, OffsetSpec.forTimestamp(middle))).partitionResult(tp).get()
                    .offset(), 10L);

            admin.deleteRecords(Map.of(tp, RecordsToDelete.beforeOffset(5))).all().get();

            assertEquals(admin.listOffsets(Map.of(tp, OffsetSpec.earliest())).partitionResult(tp).get().offset(), 5L);
        }
        List<ConsumerRecord<String, String>> records = kafka.readFromStart(List.of(tp), 15);
        assertEquals(records.get(0).offset(), 5L);
        assertEquals(records.size(), 15);
    }

    @Test
    public void kcatProducesAndConsumes() throws Exception {
        String topic = "kcat";
        kafka.createTopic(topic, 1);
        String lines = IntStream.range(0, 50).mapToObj(i -> "key" + i + ":line " + i).reduce((a, b) -> a + "\n" + b).get();

        Kcat.run(lines, "-P", "-b", "localhost:" + kafkaPort, "-t", topic, "-K:");
        String consumed = Kcat.run("", "-C", "-b", "localhost:" + kafkaPort, "-t", topic, "-o", "beginning", "-e",
                "-f", "%k=%s@%o\\n");

        List<String> expected = IntStream.range(0, 50).mapToObj(i -> "key" + i + "=line " + i + "@" + i).toList();
        assertEquals(consumed.lines().toList(), expected);
        List<ConsumerRecord<String, String>> records = kafka.readFromStart(partitions(topic, 1), 50);
        assertEquals(records.get(49).value(), "line 49");
    }

    @Test(priority = 10)
    public void acknowledgedRecordsSurviveARestartAndOffsetsContinue() throws Exception {
        String topic = "durable";
        kafka.createTopic(topic, 2);
        Set<String> acknowledged = new HashSet<>();
        try (KafkaProducer<String, String> producer = kafka.producer(Map.of())) {
            for (int i = 0; i < 400; i++) {
                producer.send(new ProducerRecord<>(topic, "k" + i, "v" + i)).get();
                acknowledged.add("v" + i);
            }
        }

        broker.restart();

        try (KafkaProducer<String, String> producer = kafka.producer(Map.of())) {
            RecordMetadata next = producer.send(new ProducerRecord<>(topic, 0, "after", "after-restart")).get();
            acknowledged.add("after-restart");
            List<ConsumerRecord<String, String>> records = kafka.readFromStart(partitions(topic, 2), 401);
            assertEquals(records.size(), 401);
            Set<String> values = new HashSet<>();
            records.forEach(r -> values.add(r.value()));
            assertEquals(values, acknowledged);
            long partition0 = records.stream().filter(r -> r.partition() == 0).count();
            assertEquals(next.offset(), partition0 - 1, "offsets continue densely after the restart");
        }
    }

    @Test(priority = 20)
    public void upgradingTheKafkaModuleUnderLoadLosesNoAcknowledgedRecord() throws Exception {
        String topic = "upgrade-under-load";
        kafka.createTopic(topic, 1);
        Set<String> acknowledged = java.util.concurrent.ConcurrentHashMap.newKeySet();
        List<Throwable> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
        Thread load = new Thread(() -> {
            try (KafkaProducer<String, String> producer = kafka.producer(Map.of(
                    ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 120_000))) {
                for (int i = 0; i < 3000; i++) {
                    String value = "v" + i;
                    producer.send(new ProducerRecord<>(topic, "k", value), (metadata, error) -> {
                        if (error == null) {
                            acknowledged.add(value);
                        } else {
                            failures.add(error);
                        }
                    });
                    if (i % 100 == 0) {
                        Thread.sleep(20);
                    }
                }
                producer.flush();
            } catch (Exception e) {
                failures.add(e);
            }
        });
        load.start();
        Thread.sleep(500);

        var reply = broker.modules().upgrade("kafka",
                ModuleJars.withHeaders(TributaryBroker.KAFKA_MODULE, Map.of("Bundle-Version", "99.0.0")));
        load.join(180_000);

        assertTrue(reply.ok(), reply.json());
        assertTrue(reply.json().contains("99.0.0"), reply.json());
        List<ConsumerRecord<String, String>> records = kafka.readFromStart(partitions(topic, 1), acknowledged.size());
        Set<String> stored = new HashSet<>();
        records.forEach(r -> stored.add(r.value()));
        assertTrue(stored.containsAll(acknowledged), "every acknowledged record is stored; failures: " + failures);
        assertTrue(acknowledged.size() > 0);
    }


    private static List<TopicPartition> partitions(String topic, int count) {
        return IntStream.range(0, count).mapToObj(p -> new TopicPartition(topic, p)).toList();
    }
}
