package io.tributary.it;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.pulsar.client.admin.PulsarAdmin;
import org.apache.pulsar.common.policies.data.SubscriptionStats;
import org.testng.annotations.AfterClass;
import org.testng.annotations.BeforeClass;
import org.testng.annotations.Test;

/**
 * The standalone broker is killed with SIGKILL while a Kafka producer and a consumer group work against it, and
 * started again on the same data directory: the bookie replays its journal, the partitions and the group's state
 * are recovered, and the producer's retries of requests the crash cut off are not stored twice. Offsets committed
 * or groups deleted just before the kill reach the groups' Pulsar subscriptions once their state is loaded again.
 */
public class BrokerCrashIT {

    private static final String TOPIC = "crash";
    private static final int PARTITIONS = 4;
    private static final String GROUP = "crash-readers";
    private static final Duration BOUND = Duration.ofSeconds(60);

    private StandaloneProcess standalone;

    @BeforeClass
    public void startStandalone() throws Exception {
        standalone = StandaloneProcess.create();
        standalone.start();
    }

    @AfterClass(alwaysRun = true)
    public void stopStandalone() throws Exception {
        if (standalone != null) {
            standalone.close();
        }
    }

    @Test
    public void acknowledgedRecordsAndCommittedOffsetsSurviveAKill() throws Exception {
        KafkaClients clients = new KafkaClients(standalone.kafkaPort());
        clients.createTopic(TOPIC, PARTITIONS);
        new OutageWorkload(clients, TOPIC, PARTITIONS, GROUP).survives(() -> {
            standalone.kill();
            standalone.start();
        });
    }

    @Test
    public void offsetsCommittedJustBeforeAKillReachTheSubscriptionWhenTheGroupLoads() throws Exception {
        String group = "crash-mirror";
        KafkaClients clients = new KafkaClients(standalone.kafkaPort());
        TopicPartition partition = tenRecords(clients, "crash-mirrored");
        commit(clients, group, partition, 6);
        standalone.kill();
        standalone.start();

        try (Admin admin = clients.admin(); PulsarAdmin pulsar = standalone.pulsarAdmin()) {
            assertEquals(admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get().get(partition)
                    .offset(), 6L, "the committed offset after the kill");
            Eventually.until("the group's subscription at the committed offset once the group is loaded", BOUND,
                    () -> {
                        SubscriptionStats stats = subscriptions(pulsar, partition).get(group);
                        return stats != null && stats.getMsgBacklog() == 10 - 6;
                    });
        }
    }

    @Test
    public void aGroupDeletedJustBeforeAKillLosesItsSubscriptionWhenItsStateLoads() throws Exception {
        String group = "crash-deleted";
        KafkaClients clients = new KafkaClients(standalone.kafkaPort());
        TopicPartition partition = tenRecords(clients, "crash-deleted");
        commit(clients, group, partition, 3);
        try (Admin admin = clients.admin(); PulsarAdmin pulsar = standalone.pulsarAdmin()) {
            Eventually.until("the group's subscription", BOUND,
                    () -> subscriptions(pulsar, partition).containsKey(group));
            admin.deleteConsumerGroups(List.of(group)).all().get(30, TimeUnit.SECONDS);
        }
        standalone.kill();
        standalone.start();

        try (Admin admin = clients.admin(); PulsarAdmin pulsar = standalone.pulsarAdmin()) {
            assertTrue(admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get().isEmpty(),
                    "the deleted group's offsets after the kill");
            Eventually.until("the deleted group's subscription removed once its state is loaded", BOUND,
                    () -> !subscriptions(pulsar, partition).containsKey(group));
        }
    }

    private static TopicPartition tenRecords(KafkaClients clients, String topic) throws Exception {
        clients.createTopic(topic, 1);
        try (KafkaProducer<String, String> producer = clients.producer(Map.of())) {
            for (int i = 0; i < 10; i++) {
                producer.send(new ProducerRecord<>(topic, 0, null, "v" + i)).get(30, TimeUnit.SECONDS);
            }
        }
        return new TopicPartition(topic, 0);
    }

    private static void commit(KafkaClients clients, String group, TopicPartition partition, long offset) {
        try (KafkaConsumer<String, String> consumer = clients.consumer(Map.of(ConsumerConfig.GROUP_ID_CONFIG, group))) {
            consumer.commitSync(Map.of(partition, new OffsetAndMetadata(offset)));
        }
    }

    private static Map<String, ? extends SubscriptionStats> subscriptions(PulsarAdmin pulsar, TopicPartition partition)
            throws Exception {
        return pulsar.topics().getStats("persistent://public/default/" + partition.topic() + "-partition-"
                + partition.partition()).getSubscriptions();
    }
}
