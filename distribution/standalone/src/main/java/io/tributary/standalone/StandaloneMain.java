package io.tributary.standalone;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;

/** {@code tributary standalone}: runs the embedded broker with the host and its modules in the foreground. */
public final class StandaloneMain {

    private StandaloneMain() {
    }

    public static void main(String[] args) {
        Path home = Path.of(System.getProperty("tributary.home", ".")).toAbsolutePath();
        StandaloneOptions options;
        try {
            options = StandaloneOptions.parse(args, home);
            DataDirectoryLock.acquire(options.dataDir());
            requireFreePorts(options);
        } catch (UsageException e) {
            System.err.println("tributary: " + e.getMessage());
            System.exit(2);
            return;
        }
        EmbeddedBroker broker;
        try {
            broker = new EmbeddedBroker(BrokerSettings.toConfiguration(properties(options, home)),
                    options.dataDir(), options.journalSync()).start();
        } catch (Exception e) {
            System.err.println("tributary: the broker did not start: " + rootMessage(e) + " (details in the log)");
            Runtime.getRuntime().halt(1);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            broker.close();
            System.out.println("Tributary stopped.");
            stopped.countDown();
        }, "tributary-shutdown"));
        ReadyLine.print(options, broker);
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static Properties properties(StandaloneOptions options, Path home) throws IOException {
        Properties p = BrokerSettings.withTributary(
                BrokerSettings.singleNode(options.pulsarPort(), options.webPort()),
                home.resolve("protocols"), options.modulesDir(),
                "kafka://0.0.0.0:" + options.kafkaPort(), options.adminPort());
        p.setProperty("tributary.storageDirectory", options.dataDir().resolve("tributary").toString());
        if (options.configFile().isPresent()) {
            p.putAll(BrokerSettings.load(options.configFile().get()));
        }
        return p;
    }

    private static void requireFreePorts(StandaloneOptions options) throws UsageException {
        Map<String, Integer> ports = new LinkedHashMap<>();
        ports.put("kafka", options.kafkaPort());
        ports.put("pulsar", options.pulsarPort());
        ports.put("web", options.webPort());
        ports.put("admin", options.adminPort());
        for (Map.Entry<String, Integer> port : ports.entrySet()) {
            try (ServerSocket socket = new ServerSocket()) {
                socket.setReuseAddress(true);
                socket.bind(new InetSocketAddress(port.getValue()));
            } catch (IOException e) {
                throw new UsageException("port " + port.getValue() + " (" + port.getKey() + ") is already in use;"
                        + " pick another with --" + port.getKey() + "-port");
            }
        }
    }

    static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() != null ? root.getMessage() : root.getClass().getSimpleName();
    }
}
