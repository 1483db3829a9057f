package io.tributary.it;

import com.google.common.io.MoreFiles;
import com.google.common.io.RecursiveDeleteOption;
import io.tributary.standalone.StandaloneMain;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.pulsar.client.admin.PulsarAdmin;
import org.apache.pulsar.client.api.PulsarClientException;

/**
 * {@code tributary standalone} in a child JVM: {@link StandaloneMain} from the test classpath, the host NAR in
 * {@code protocols/} and the Kafka module in {@code modules/} of its home, journal fsync on, as the launcher runs it
 * from the distribution. A test can kill it with SIGKILL and start it again on the same data directory and ports.
 * Its output is kept in {@code target/standalone-logs}; a child left running when the test JVM exits is killed.
 */
final class StandaloneProcess implements AutoCloseable {

    private static final Duration START_BOUND = Duration.ofSeconds(120);
    private static final String READY = "Tributary ready:";
    private static final Path LOGS = TributaryBroker.ARTIFACTS.resolveSibling("standalone-logs");

    private final Path home;
    private final int kafkaPort;
    private final int webPort;
    private final List<String> ports;
    private Process process;
    private int starts;

    private StandaloneProcess(Path home, int kafkaPort, int webPort, List<String> ports) {
        this.home = home;
        this.kafkaPort = kafkaPort;
        this.webPort = webPort;
        this.ports = ports;
    }

    static StandaloneProcess create() throws IOException {
        return create(Map.of());
    }

    /** A standalone with these broker properties in a {@code --config} file. */
    static StandaloneProcess create(Map<String, String> brokerProperties) throws IOException {
        Path home = Files.createTempDirectory("tributary-standalone");
        Files.copy(TributaryBroker.ARTIFACTS.resolve("tributary-host.nar"),
                Files.createDirectories(home.resolve("protocols")).resolve("tributary-host.nar"));
        Files.copy(TributaryBroker.KAFKA_MODULE,
                Files.createDirectories(home.resolve("modules")).resolve(TributaryBroker.KAFKA_MODULE.getFileName()));
        int kafkaPort = FreePorts.next();
        int webPort = FreePorts.next();
        List<String> options = new ArrayList<>(List.of("--kafka-port", String.valueOf(kafkaPort),
                "--pulsar-port", String.valueOf(FreePorts.next()), "--web-port", String.valueOf(webPort),
                "--admin-port", String.valueOf(FreePorts.next())));
        if (!brokerProperties.isEmpty()) {
            Properties properties = new Properties();
            properties.putAll(brokerProperties);
            Path config = home.resolve("broker.properties");
            try (Writer writer = Files.newBufferedWriter(config, StandardCharsets.UTF_8)) {
                properties.store(writer, null);
            }
            options.addAll(List.of("--config", config.toString()));
        }
        return new StandaloneProcess(home, kafkaPort, webPort, List.copyOf(options));
    }

    int kafkaPort() {
        return kafkaPort;
    }

    /** Pulsar's admin client on the broker's web port, as {@code pulsar-admin} reaches it. */
    PulsarAdmin pulsarAdmin() throws PulsarClientException {
        return PulsarAdmin.builder().serviceHttpUrl("http://127.0.0.1:" + webPort).build();
    }

    /** Starts the broker on this home's data directory and waits for its ready line. */
    void start() throws Exception {
        if (running()) {
            throw new IllegalStateException("already running");
        }
        Path output = home.resolve("stdout-" + ++starts + ".log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-Xmx1g", "-XX:MaxDirectMemorySize=1g",
                "--add-opens", "java.base/java.io=ALL-UNNAMED", "--add-opens", "java.base/java.nio=ALL-UNNAMED",
                "-Dio.netty.tryReflectionSetAccessible=true", "-Dtributary.home=" + home,
                "-cp", System.getProperty("java.class.path"), StandaloneMain.class.getName(),
                "--data-dir", home.resolve("data").toString()));
        command.addAll(ports);
        process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        Process started = process;
        Runtime.getRuntime().addShutdownHook(new Thread(started::destroyForcibly, "standalone-process-reaper"));
        Eventually.until("the standalone's ready line in " + output, START_BOUND, () -> {
            if (!process.isAlive()) {
                throw new IllegalStateException("the standalone exited with " + process.exitValue() + "; see " + output);
            }
            return Files.readString(output, StandardCharsets.UTF_8).contains(READY);
        });
    }

    boolean running() {
        return process != null && process.isAlive();
    }

    /** Kills the broker with SIGKILL: no shutdown hook runs, nothing is flushed or closed. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the standalone did not exit after SIGKILL");
        }
    }

    @Override
    public void close() throws Exception {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
        Path logs = Files.createDirectories(LOGS.resolve(home.getFileName()));
        try (var outputs = Files.newDirectoryStream(home, "stdout-*.log")) {
            for (Path output : outputs) {
                Files.copy(output, logs.resolve(output.getFileName()));
            }
        }
        MoreFiles.deleteRecursively(home, RecursiveDeleteOption.ALLOW_INSECURE);
    }
}
