package io.tributary.it;

import com.google.common.io.MoreFiles;
import com.google.common.io.RecursiveDeleteOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.zookeeper.server.embedded.ExitHandler;
import org.apache.zookeeper.server.embedded.ZooKeeperServerEmbedded;

/** Brokers of one Pulsar cluster (one ZooKeeper, a bookie each), each with the Kafka module on its own port. */
final class BrokerCluster implements AutoCloseable {

    private static final Duration BOUND = Duration.ofSeconds(60);

    private final Path zooKeeperDirectory;
    private final ZooKeeperServerEmbedded zooKeeper;
    private final List<TributaryBroker> brokers = new ArrayList<>();
    private final List<Integer> kafkaPorts = new ArrayList<>();

    private BrokerCluster(Path zooKeeperDirectory, ZooKeeperServerEmbedded zooKeeper) {
        this.zooKeeperDirectory = zooKeeperDirectory;
        this.zooKeeper = zooKeeper;
    }

    static BrokerCluster start(int brokerCount) throws Exception {
        Path directory = Files.createTempDirectory("tributary-zk");
        Properties zooKeeperConfig = new Properties();
        zooKeeperConfig.setProperty("clientPort", Integer.toString(FreePorts.next()));
        zooKeeperConfig.setProperty("clientPortAddress", "127.0.0.1");
        zooKeeperConfig.setProperty("admin.enableServer", "false");
        ZooKeeperServerEmbedded zooKeeper = ZooKeeperServerEmbedded.builder().baseDir(directory)
                .configuration(zooKeeperConfig).exitHandler(ExitHandler.LOG_ONLY).build();
        BrokerCluster cluster = new BrokerCluster(directory, zooKeeper);
        try {
            zooKeeper.start(BOUND.toMillis());
            Map<String, String> settings = Map.of("metadataStoreUrl", "zk:" + zooKeeper.getConnectionString(),
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
        MoreFiles.deleteRecursively(zooKeeperDirectory, RecursiveDeleteOption.ALLOW_INSECURE);
    }
}
