package io.tributary.it;

import static org.testng.Assert.assertNotEquals;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.testng.annotations.AfterClass;
import org.testng.annotations.BeforeClass;
import org.testng.annotations.BeforeMethod;
import org.testng.annotations.Test;

/**
 * A broker of a three-broker cluster is killed with SIGKILL while a Kafka producer and a consumer group work against
 * partitions and the group coordinator it owns. Each broker runs its own bookie, as the standalone does, and
 * ledgers keep two copies, so the data of the killed broker's bookie is still readable. The others take its
 * partitions and the group over once its metadata session expires; every acknowledged record is stored once, in
 * order, and the group reads them all from the offsets it committed. The same holds when the killed broker is
 * started again at once, as a service manager would, while its old metadata session still lasts.
 */
public class ClusterBrokerCrashIT {

    private static final String TOPIC = "cluster-crash";
    private static final String RESTART_TOPIC = "cluster-restart";
    private static final int PARTITIONS = 8;
    private static final int BROKERS = 3;
    private static final int GROUP_CANDIDATES = 64;
    /** Two copies of every ledger, and a metadata session that expires 10 s after its broker dies. */
    private static final Map<String, String> CLUSTER_SETTINGS = Map.of(
            "managedLedgerDefaultEnsembleSize", "2",
            "managedLedgerDefaultWriteQuorum", "2",
            "managedLedgerDefaultAckQuorum", "2",
            "metadataStoreSessionTimeoutMillis", "10000",
            "tributary.groups.initialRebalanceDelayMs", "0");

    private EmbeddedZooKeeper zooKeeper;
    private final List<StandaloneProcess> brokers = new ArrayList<>();

    @BeforeClass
    public void startCluster() throws Exception {
        zooKeeper = EmbeddedZooKeeper.start();
        Map<String, String> settings = new HashMap<>(CLUSTER_SETTINGS);
        settings.put("metadataStoreUrl", zooKeeper.metadataStoreUrl());
        for (int i = 0; i < BROKERS; i++) {
            brokers.add(StandaloneProcess.create(settings));
        }
        // The first broker sets up the cluster's metadata; the others join it together.
        brokers.get(0).start();
        ExecutorService starting = Executors.newFixedThreadPool(BROKERS - 1);
        try {
            List<Future<Object>> started = new ArrayList<>();
            for (StandaloneProcess broker : brokers.subList(1, BROKERS)) {
                started.add(starting.submit(() -> {
                    broker.start();
                    return null;
                }));
            }
            for (Future<Object> future : started) {
                future.get();
            }
        } finally {
            starting.shutdownNow();
        }
    }

    /** Each test starts with all brokers up: a broker a test killed and left down starts again. */
    @BeforeMethod
    public void startKilledBrokers() throws Exception {
        for (StandaloneProcess broker : brokers) {
            if (!broker.running()) {
                broker.start();
            }
        }
    }

    @AfterClass(alwaysRun = true)
    public void stopCluster() throws Exception {
        for (StandaloneProcess broker : brokers) {
            broker.close();
        }
        if (zooKeeper != null) {
            zooKeeper.close();
        }
    }

    @Test
    public void clientsGoOnWithoutLossWhenTheBrokerOfTheirPartitionsAndGroupIsKilled() throws Exception {
        KafkaClients clients = new KafkaClients(brokers.stream().mapToInt(StandaloneProcess::kafkaPort).toArray());
        clients.createTopic(TOPIC, PARTITIONS);
        Victim victim = victim(clients, TOPIC);

        new OutageWorkload(clients, TOPIC, PARTITIONS, victim.group()).survives(victim.broker()::kill);

        try (Admin admin = clients.admin()) {
            for (TopicPartitionInfo partition : describe(admin, TOPIC).partitions()) {
                assertNotEquals(partition.leader().port(), victim.broker().kafkaPort(),
                        "leader of partition " + partition.partition() + " after the kill");
            }
        }
    }

    @Test
    public void clientsGoOnWithoutLossWhenTheKilledBrokerIsStartedAgainAtOnce() throws Exception {
        KafkaClients clients = new KafkaClients(brokers.stream().mapToInt(StandaloneProcess::kafkaPort).toArray());
        clients.createTopic(RESTART_TOPIC, PARTITIONS);
        Victim victim = victim(clients, RESTART_TOPIC);
        new OutageWorkload(clients, RESTART_TOPIC, PARTITIONS, victim.group()).survives(() -> {
            victim.broker().kill();
            victim.broker().start();
        });
    }

    private record Victim(StandaloneProcess broker, String group) {
    }

    /**
     * A broker that leads partitions of the topic, and a group whose coordinator it is. A group is described only
     * once it exists, so each candidate commits an offset first; the chosen group is deleted again before use.
     */
    private Victim victim(KafkaClients clients, String topic) throws Exception {
        try (Admin admin = clients.admin()) {
            List<Integer> leaders = describe(admin, topic).partitions().stream().map(p -> p.leader().port()).toList();
            for (int i = 0; i < GROUP_CANDIDATES; i++) {
                String group = topic + "-readers-" + i;
                clients.commit(group, new TopicPartition(topic, 0), 0);
                Node coordinator = admin.describeConsumerGroups(List.of(group)).all().get().get(group).coordinator();
                Optional<StandaloneProcess> broker = brokers.stream()
                        .filter(b -> b.kafkaPort() == coordinator.port() && leaders.contains(b.kafkaPort())).findFirst();
                if (broker.isPresent()) {
                    admin.deleteConsumerGroups(List.of(group)).all().get();
                    return new Victim(broker.get(), group);
                }
            }
            throw new IllegalStateException("no broker coordinates any of " + GROUP_CANDIDATES
                    + " groups and leads a partition of " + topic + ": leaders " + leaders);
        }
    }

    private static TopicDescription describe(Admin admin, String topic) throws Exception {
        return admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic);
    }
}
