package io.tributary.it;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertNotEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.pulsar.client.admin.PulsarAdmin;
import org.apache.pulsar.common.policies.data.SubscriptionStats;
import org.testng.annotations.AfterClass;
import org.testng.annotations.BeforeClass;
import org.testng.annotations.Test;

/**
 * Two brokers of one Pulsar cluster (one ZooKeeper, a bookie each), each with the Kafka module. Kafka clients
 * bootstrapped from either broker find every partition's leader and the group coordinator on whichever broker
 * Pulsar made their owner, and the group's commits show as Pulsar subscriptions on every partition. Clients keep
 * producing, consuming and resuming from committed offsets, without losing or repeating records, when Pulsar
 * moves a partition or a group's state to the other broker.
 */
public class MultiBrokerIT {

    private static final Duration BOUND = Duration.ofSeconds(60);

    private BrokerCluster cluster;
    private TributaryBroker first;
    private TributaryBroker second;
    private int firstKafkaPort;
    private int secondKafkaPort;
    private PulsarAdmin pulsarAdmin;
    private ClusterPlacement placement;

    @BeforeClass
    public void startBrokers() throws Exception {
        cluster = BrokerCluster.start(2);
        first = cluster.broker(0);
        second = cluster.broker(1);
        firstKafkaPort = cluster.kafkaPort(0);
        secondKafkaPort = cluster.kafkaPort(1);
        pulsarAdmin = first.pulsar().getAdminClient();
        placement = new ClusterPlacement(pulsarAdmin);
    }

    @AfterClass(alwaysRun = true)
    public void stopBrokers() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    public void leadersAndCoordinatorAreWherePulsarPlacedThem() throws Exception {
        String topic = "spread";
        new KafkaClients(firstKafkaPort).createTopic(topic, 8);
        placeOnBothBrokers(topic, 8);

        for (KafkaClients clients : List.of(new KafkaClients(firstKafkaPort), new KafkaClients(secondKafkaPort))) {
            try (Admin admin = clients.admin()) {
                TopicDescription description = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic);
                for (TopicPartitionInfo partition : description.partitions()) {
                    assertEquals(partition.leader().port(), kafkaPortOfOwner(topic, partition.partition()),
                            "leader of partition " + partition.partition());
                }
            }
        }

        produce(new KafkaClients(firstKafkaPort), topic, 8, 0, 50);
        String group = "spread-readers";
        List<ConsumerRecord<String, String>> read = consumeInGroup(secondKafkaPort, group, topic, 400);
        assertEquals(read.size(), 400);
        assertEquals(read.stream().map(ConsumerRecord::value).collect(Collectors.toSet()).size(), 400);

        try (Admin admin = new KafkaClients(firstKafkaPort).admin()) {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get();
            Map<Integer, Long> offsets = new TreeMap<>();
            committed.forEach((partition, offset) -> offsets.put(partition.partition(), offset.offset()));
            Map<Integer, Long> expected = new TreeMap<>();
            IntStream.range(0, 8).forEach(p -> expected.put(p, 50L));
            assertEquals(offsets, expected, "committed offsets, read through the first broker");
        }
        for (int p = 0; p < 8; p++) {
            String partition = pulsarTopic(topic, p);
            Eventually.until("subscription " + group + " at the end of " + partition, BOUND, () -> {
                SubscriptionStats stats = pulsarAdmin.topics().getStats(partition).getSubscriptions().get(group);
                return stats != null && stats.getMsgBacklog() == 0;
            });
        }
    }

    @Test
    public void partitionMovedToTheOtherBrokerKeepsItsRecordsAndOffsets() throws Exception {
        String topic = "moving";
        KafkaClients clients = new KafkaClients(firstKafkaPort);
        clients.createTopic(topic, 1);
        produce(clients, topic, 1, 0, 100);
        String ownerBefore = ownerOf(topic, 0);

        moveToOtherBroker(topic, 0);
        assertNotEquals(ownerOf(topic, 0), ownerBefore, "owner after the move");
        produce(clients, topic, 1, 100, 100);

        List<ConsumerRecord<String, String>> read = clients.readFromStart(List.of(new TopicPartition(topic, 0)), 200);
        assertEquals(read.stream().map(ConsumerRecord::offset).toList(),
                IntStream.range(0, 200).mapToObj(Long::valueOf).toList(), "offsets after the move");
        assertEquals(read.stream().map(ConsumerRecord::value).toList(),
                IntStream.range(0, 200).mapToObj(i -> topic + "-0-" + i).toList(), "values after the move");
    }

    @Test
    public void groupsMovedToTheOtherBrokerKeepTheirCommittedOffsets() throws Exception {
        String topic = "resuming";
        KafkaClients clients = new KafkaClients(firstKafkaPort);
        clients.createTopic(topic, 1);
        produce(clients, topic, 1, 0, 100);
        String group = "resuming-readers";
        assertEquals(consumeInGroup(firstKafkaPort, group, topic, 100).size(), 100);

        moveEveryGroupStatePartition();
        produce(clients, topic, 1, 100, 50);

        List<ConsumerRecord<String, String>> resumed = consumeInGroup(secondKafkaPort, group, topic, 50);
        assertEquals(resumed.stream().map(ConsumerRecord::offset).toList(),
                IntStream.range(100, 150).mapToObj(Long::valueOf).toList(), "offsets read after the move");
        try (Admin admin = clients.admin()) {
            assertEquals(admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get()
                    .get(new TopicPartition(topic, 0)).offset(), 150L);
        }
    }

    @Test
    public void settingsAlteredThroughBothBrokersAtOnceAreAllKept() throws Exception {
        String topic = "configured";
        new KafkaClients(firstKafkaPort).createTopic(topic, 1);
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        Map<String, String> settings = new TreeMap<>(Map.of("segment.ms", "600001", "segment.jitter.ms", "1",
                "flush.ms", "1001", "flush.messages", "11", "delete.retention.ms", "86400001",
                "file.delete.delay.ms", "60001", "min.compaction.lag.ms", "1", "index.interval.bytes", "4097"));
        try (Admin viaFirst = new KafkaClients(firstKafkaPort).admin();
             Admin viaSecond = new KafkaClients(secondKafkaPort).admin()) {
            List<KafkaFuture<Void>> alterations = new ArrayList<>();
            int i = 0;
            for (Map.Entry<String, String> setting : settings.entrySet()) {
                Admin admin = i++ % 2 == 0 ? viaFirst : viaSecond;
                alterations.add(admin.incrementalAlterConfigs(Map.of(resource, List.of(new AlterConfigOp(
                        new ConfigEntry(setting.getKey(), setting.getValue()), AlterConfigOp.OpType.SET))))
                        .all());
            }
            for (KafkaFuture<Void> alteration : alterations) {
                alteration.get(BOUND.toSeconds(), TimeUnit.SECONDS);
            }
            Map<String, String> stored = new TreeMap<>();
            viaSecond.describeConfigs(List.of(resource)).all().get().get(resource).entries().stream()
                    .filter(entry -> entry.source() == ConfigEntry.ConfigSource.DYNAMIC_TOPIC_CONFIG)
                    .forEach(entry -> stored.put(entry.name(), entry.value()));
            assertEquals(stored, settings, "every setting, whichever broker altered it");
        }
    }

    /** Moves each bundle holding a partition of the group state topic to the broker that did not own it. */
    private void moveEveryGroupStatePartition() throws Exception {
        for (String partition : placement.groupStatePartitionPerBundle()) {
            placement.moveBundleOf(partition, placement.ownerOf(partition).equals(first.pulsarUrl()) ? second : first);
        }
    }

    private void produce(KafkaClients clients, String topic, int partitions, int from, int perPartition)
            throws Exception {
        try (KafkaProducer<String, String> producer = clients.producer(Map.of())) {
            List<Future<?>> sends = new ArrayList<>();
            for (int i = from; i < from + perPartition; i++) {
                for (int p = 0; p < partitions; p++) {
                    sends.add(producer.send(new ProducerRecord<>(topic, p, null, topic + "-" + p + "-" + i)));
                }
            }
            for (Future<?> send : sends) {
                send.get(BOUND.toSeconds(), TimeUnit.SECONDS);
            }
        }
    }

    private List<ConsumerRecord<String, String>> consumeInGroup(int port, String group, String topic, int expected) {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:" + port);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + BOUND.toNanos();
            while (records.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(500)).forEach(records::add);
            }
            consumer.commitSync(BOUND);
        }
        return records;
    }

    /**
     * Moves the first partition's bundle to the other broker, so that a bundle has changed owner before any
     * Kafka client connects, then another bundle if that left every partition on one broker.
     */
    private void placeOnBothBrokers(String topic, int partitions) throws Exception {
        moveToOtherBroker(topic, 0);
        if (owners(topic, partitions).size() == 1) {
            String movedBundle = bundleOf(topic, 0);
            for (int p = 1; p < partitions; p++) {
                if (!bundleOf(topic, p).equals(movedBundle)) {
                    moveToOtherBroker(topic, p);
                    break;
                }
            }
        }
        assertEquals(owners(topic, partitions), Set.of(first.pulsarUrl(), second.pulsarUrl()),
                "owners of the partitions");
    }

    private Set<String> owners(String topic, int partitions) {
        return IntStream.range(0, partitions).mapToObj(p -> ownerOf(topic, p)).collect(Collectors.toSet());
    }

    private String bundleOf(String topic, int partition) throws Exception {
        return placement.bundleOf(pulsarTopic(topic, partition));
    }

    private void moveToOtherBroker(String topic, int partition) throws Exception {
        String pulsarTopic = pulsarTopic(topic, partition);
        placement.moveBundleOf(pulsarTopic, placement.ownerOf(pulsarTopic).equals(first.pulsarUrl()) ? second : first);
    }

    private int kafkaPortOfOwner(String topic, int partition) {
        return ownerOf(topic, partition).equals(first.pulsarUrl()) ? firstKafkaPort : secondKafkaPort;
    }

    private String ownerOf(String topic, int partition) {
        return placement.ownerOf(pulsarTopic(topic, partition));
    }

    private static String pulsarTopic(String topic, int partition) {
        return ClusterPlacement.pulsarTopic(topic, partition);
    }
}
