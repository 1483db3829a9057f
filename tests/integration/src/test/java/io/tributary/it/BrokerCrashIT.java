package io.tributary.it;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
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
    private static final int MIRROR_RACE_ATTEMPTS = 3;

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
        KafkaClients clients = new KafkaClients(standalone.kafkaPort());
        TopicPartition partition = clients.topicWithRecords("crash-mirrored", 10);
        String group = killBeforeTheMirrorFlushes("crash-mirror", partition,
                g -> clients.commit(g, partition, 6),
                (subscriptions, g) -> !subscriptions.containsKey(g));

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
        KafkaClients clients = new KafkaClients(standalone.kafkaPort());
        TopicPartition partition = clients.topicWithRecords("crash-deleted", 10);
        String group = killBeforeTheMirrorFlushes("crash-deleted", partition, g -> {
            clients.commit(g, partition, 3);
            try (Admin admin = clients.admin(); PulsarAdmin pulsar = standalone.pulsarAdmin()) {
                Eventually.until("the group's subscription", BOUND,
                        () -> BrokerAdmin.subscriptions(pulsar, partition).containsKey(g));
                admin.deleteConsumerGroups(List.of(g)).all().get(30, TimeUnit.SECONDS);
            }
        }, (subscriptions, g) -> subscriptions.containsKey(g));

        try (Admin admin = clients.admin(); PulsarAdmin pulsar = standalone.pulsarAdmin()) {
            assertTrue(admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get().isEmpty(),
                    "the deleted group's offsets after the kill");
            Eventually.until("the deleted group's subscription removed once its state is loaded", BOUND,
                    () -> !BrokerAdmin.subscriptions(pulsar, partition).containsKey(group));
        }
    }

    /**
     * Runs {@code beforeKill} for a new group, kills and restarts the broker, and returns the group once the
     * partition's subscriptions, read before any request loads the group's state again, show that the kill came
     * before the mirror's next flush (about once a second). When the flush came first, it tries again with another
     * group, so that the test checks the recovery on load and not the flush.
     */
    private String killBeforeTheMirrorFlushes(String prefix, TopicPartition partition, GroupStep beforeKill,
                                              SubscriptionsCheck notMirrored) throws Exception {
        for (int attempt = 1; attempt <= MIRROR_RACE_ATTEMPTS; attempt++) {
            String group = prefix + "-" + attempt;
            beforeKill.run(group);
            standalone.kill();
            standalone.start();
            try (PulsarAdmin pulsar = standalone.pulsarAdmin()) {
                if (notMirrored.test(BrokerAdmin.subscriptions(pulsar, partition), group)) {
                    return group;
                }
            }
        }
        throw new AssertionError("the mirror flushed before the kill in all " + MIRROR_RACE_ATTEMPTS + " attempts");
    }

    private interface GroupStep {
        void run(String group) throws Exception;
    }

    private interface SubscriptionsCheck {
        boolean test(Map<String, ? extends SubscriptionStats> subscriptions, String group);
    }
}
