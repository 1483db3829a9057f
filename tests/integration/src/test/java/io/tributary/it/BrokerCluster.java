package io.tributary.it;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Brokers of one Pulsar cluster (one ZooKeeper, a bookie each), each with the Kafka module on its own port. */
final class BrokerCluster implements AutoCloseable {

    private final EmbeddedZooKeeper zooKeeper;
    private final List<TributaryBroker> brokers = new ArrayList<>();
    private final List<Integer> kafkaPorts = new ArrayList<>();

    private BrokerCluster(EmbeddedZooKeeper zooKeeper) {
        this.zooKeeper = zooKeeper;
    }

    static BrokerCluster start(int brokerCount) throws Exception {
        BrokerCluster cluster = new BrokerCluster(EmbeddedZooKeeper.start());
        try {
            Map<String, String> settings = Map.of("metadataStoreUrl", cluster.zooKeeper.metadataStoreUrl(),
                    "tributary.groups.initialRebalanceDelayMs", "0");
            for (int i = 0; i < brokerCount; i++) {
                int kafkaPort = FreePorts.next();
                cluster.kafkaPorts.add(kafkaPort);
                cluster.brokers.add(TributaryBroker.start("kafka://0.0.0.0:" + kafkaPort, settings,
                        TributaryBroker.KAFKA_MODULE));
            }
            return cluster;
        } catch (Exception | Error e) {
            cluster.close();
            throw e;
        }
    }

    TributaryBroker broker(int index) {
        return brokers.get(index);
    }

    int kafkaPort(int index) {
        return kafkaPorts.get(index);
    }

    @Override
    public void close() throws Exception {
        for (int i = brokers.size() - 1; i >= 0; i--) {
            brokers.get(i).close();
        }
        zooKeeper.close();
    }
}
