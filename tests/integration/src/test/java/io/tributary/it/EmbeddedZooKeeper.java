package io.tributary.it;

import com.google.common.io.MoreFiles;
import com.google.common.io.RecursiveDeleteOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import org.apache.zookeeper.server.embedded.ExitHandler;
import org.apache.zookeeper.server.embedded.ZooKeeperServerEmbedded;

/** A ZooKeeper server in the test JVM on a free loopback port: the metadata store of a test cluster's brokers. */
final class EmbeddedZooKeeper implements AutoCloseable {

    private static final Duration BOUND = Duration.ofSeconds(60);

    private final Path directory;
    private final ZooKeeperServerEmbedded server;

    private EmbeddedZooKeeper(Path directory, ZooKeeperServerEmbedded server) {
        this.directory = directory;
        this.server = server;
    }

    static EmbeddedZooKeeper start() throws Exception {
        Path directory = Files.createTempDirectory("tributary-zk");
        Properties config = new Properties();
        config.setProperty("clientPort", Integer.toString(FreePorts.next()));
        config.setProperty("clientPortAddress", "127.0.0.1");
        config.setProperty("admin.enableServer", "false");
        ZooKeeperServerEmbedded server = ZooKeeperServerEmbedded.builder().baseDir(directory)
                .configuration(config).exitHandler(ExitHandler.LOG_ONLY).build();
        EmbeddedZooKeeper zooKeeper = new EmbeddedZooKeeper(directory, server);
        try {
            server.start(BOUND.toMillis());
            return zooKeeper;
        } catch (Exception | Error e) {
            zooKeeper.close();
            throw e;
        }
    }

    /** The {@code metadataStoreUrl} of a broker that keeps its metadata here. */
    String metadataStoreUrl() throws Exception {
        return "zk:" + server.getConnectionString();
    }

    @Override
    public void close() throws Exception {
        server.close();
        MoreFiles.deleteRecursively(directory, RecursiveDeleteOption.ALLOW_INSECURE);
    }
}
