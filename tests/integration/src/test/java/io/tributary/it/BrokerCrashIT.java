package io.tributary.it;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
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
        TopicPartition partition = clients.topicWithRecords("crash-mirrored", 10);
        clients.commit(group, partition, 6);
        standalone.kill();
        standalone.start();

        try (Admin admin = clients.admin(); PulsarAdmin pulsar = standalone.pulsarAdmin()) {
            assertEquals(admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get().get(partition)
                    .offset(), 6L, "the committed offset after the kill");
            Eventually.until("the group's subscription at the committed offset once the group is loaded", BOUND,
                    () -> {
                        SubscriptionStats stats = BrokerAdmin.subscriptions(pulsar, partition).get(group);
                        return stats != null && stats.getMsgBacklog() == 10 - 6;
                    });
        }
    }

    @Test
    public void aGroupDeletedJustBeforeAKillLosesItsSubscriptionWhenItsStateLoads() throws Exception {
        String group = "crash-deleted";
        KafkaClients clients = new KafkaClients(standalone.kafkaPort());
        TopicPartition partition = clients.topicWithRecords("crash-deleted", 10);
        clients.commit(group, partition, 3);
        try (Admin admin = clients.admin(); PulsarAdmin pulsar = standalone.pulsarAdmin()) {
            Eventually.until("the group's subscription", BOUND,
                    () -> BrokerAdmin.subscriptions(pulsar, partition).containsKey(group));
            admin.deleteConsumerGroups(List.of(group)).all().get(30, TimeUnit.SECONDS);
        }
        standalone.kill();
        standalone.start();

        try (Admin admin = clients.admin(); PulsarAdmin pulsar = standalone.pulsarAdmin()) {
            assertTrue(admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get().isEmpty(),
                    "the deleted group's offsets after the kill");
            Eventually.until("the deleted group's subscription removed once its state is loaded", BOUND,
                    () -> !BrokerAdmin.subscriptions(pulsar, partition).containsKey(group));
        }
    }
}
