package io.tributary.it;

import com.google.common.io.MoreFiles;
import com.google.common.io.RecursiveDeleteOption;
import io.tributary.standalone.BrokerSettings;
import io.tributary.standalone.EmbeddedBroker;
import io.tributary.standalone.ModulesClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ref.WeakReference;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.pulsar.broker.PulsarService;
import org.apache.pulsar.broker.protocol.ProtocolHandler;

/**
 * A real embedded broker (bookie, RocksDB metadata) that loads the host from its NAR file in a protocols
 * directory, the way a stock broker does. Ports are fixed at creation so a restart keeps them. Brokers given one
 * {@code metadataStoreUrl} form a cluster, each with its own bookie.
 */
final class TributaryBroker implements AutoCloseable {

    static final Path ARTIFACTS = Path.of(System.getProperty("tributary.artifacts", "target/artifacts"));
    static final Path KAFKA_MODULE = ARTIFACTS.resolve("tributary-protocol-kafka.jar");

    private final Path root;
    private final Properties properties;
    private final int adminPort;
    private EmbeddedBroker broker;

    private TributaryBroker(Path root, Properties properties, int adminPort) {
        this.root = root;
        this.properties = properties;
        this.adminPort = adminPort;
    }

    /**
     * A broker whose host serves the given listeners, e.g. {@code echo://127.0.0.1:PORT}, with the given
     * module jars in its modules directory from the start.
     */
    static TributaryBroker start(String listeners, Map<String, String> extra, Path... modules) throws Exception {
        Path root = Files.createTempDirectory("tributary-it");
        Path protocols = Files.createDirectories(root.resolve("protocols"));
        Files.copy(ARTIFACTS.resolve("tributary-host.nar"), protocols.resolve("tributary-host.nar"));
        Files.createDirectories(root.resolve("modules"));
        for (Path module : modules) {
            Files.copy(module, root.resolve("modules").resolve(module.getFileName()));
        }
        int adminPort = FreePorts.next();
        Properties p = BrokerSettings.withTributary(BrokerSettings.singleNode(FreePorts.next(), FreePorts.next()),
                protocols, root.resolve("modules"), listeners, adminPort);
        p.setProperty("tributary.adminAddress", "127.0.0.1:" + adminPort);
        p.setProperty("tributary.storageDirectory", root.resolve("data/tributary").toString());
        p.setProperty("tributary.watchIntervalMs", "200");
        p.setProperty("tributary.drainTimeoutMs", "5000");
        extra.forEach(p::setProperty);
        TributaryBroker broker = new TributaryBroker(root, p, adminPort);
        broker.startBroker();
        return broker;
    }

    /** A broker serving the Kafka module on {@code kafkaPort}, with group rebalances that start at once. */
    static TributaryBroker startKafka(int kafkaPort) throws Exception {
        return start("kafka://0.0.0.0:" + kafkaPort, Map.of("tributary.groups.initialRebalanceDelayMs", "0"),
                KAFKA_MODULE);
    }

    void restart() throws Exception {
        broker.close();
        startBroker();
    }

    private void startBroker() throws Exception {
        broker = new EmbeddedBroker(BrokerSettings.toConfiguration(properties), root.resolve("data"), false).start();
    }

    /**
     * Stops the Pulsar broker the way its shutdown does (modules first, then its bundles are unloaded for other
     * brokers to take) and leaves its bookie serving, as when a broker of a cluster whose bookies run on their own
     * stops. {@link #close()} stops the bookie.
     */
    void stopBrokerKeepingBookie() throws Exception {
        broker.pulsar().close();
    }

    /** The Pulsar broker, for the admin client, lookups and stats as Pulsar's own tools see them. */
    PulsarService pulsar() {
        return broker.pulsar();
    }

    /** The broker's id in its cluster, as Pulsar's load manager and admin API name it. */
    String brokerId() {
        return broker.pulsar().getBrokerId();
    }

    ModulesClient modules() {
        return new ModulesClient("http://127.0.0.1:" + adminPort);
    }

    Path modulesDirectory() {
        return root.resolve("modules");
    }

    String pulsarUrl() {
        return broker.brokerServiceUrl();
    }

    /** What this broker has published under /tributary/endpoints for other brokers' lookups, as JSON text. */
    String publishedEndpoints() throws Exception {
        String path = "/tributary/endpoints/" + broker.pulsar().getBrokerId();
        return broker.pulsar().getLocalMetadataStore().get(path).get()
                .map(value -> new String(value.getValue(), java.nio.charset.StandardCharsets.UTF_8))
                .orElse("");
    }

    /** The broker's Prometheus metrics, as a scraper reads them from its web port. */
    String metrics() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(broker.pulsar().getWebServiceAddress() + "/metrics/"))
                        .timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("/metrics/ answered " + response.statusCode());
        }
        return response.body();
    }

    /** Places a module jar in the modules directory as a user would, by copying it there. */
    void drop(Path jar, String fileName) throws Exception {
        Path temp = root.resolve(fileName + ".copying");
        Files.copy(jar, temp, StandardCopyOption.REPLACE_EXISTING);
        Files.move(temp, modulesDirectory().resolve(fileName), StandardCopyOption.REPLACE_EXISTING);
    }

    /** The host's record of retired module class loaders, read from the handler loaded out of the NAR. */
    @SuppressWarnings("unchecked")
    List<WeakReference<ClassLoader>> retiredModuleClassLoaders() throws Exception {
        ProtocolHandler handler = broker.pulsar().getProtocolHandlers().protocol("tributary");
        return (List<WeakReference<ClassLoader>>) handler.getClass().getMethod("retiredModuleClassLoaders").invoke(handler);
    }

    @Override
    public void close() {
        if (broker != null) {
            broker.close();
        }
        try {
            MoreFiles.deleteRecursively(root, RecursiveDeleteOption.ALLOW_INSECURE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the broker's files under " + root, e);
        }
    }
}
