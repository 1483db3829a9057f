package io.tributary.kafka;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertNotNull;
import static org.testng.Assert.assertNull;
import static org.testng.Assert.assertTrue;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.tributary.kafka.fakes.FakeModuleContext;
import io.tributary.spi.Endpoint;
import io.tributary.spi.ProtocolModule;
import java.io.File;
import java.io.InputStream;
import java.lang.ref.WeakReference;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.osgi.framework.Bundle;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;
import org.osgi.framework.wiring.FrameworkWiring;
import org.testng.annotations.Test;

/**
 * The built bundle in Felix with only the SPI, Netty, slf4j and the OSGi framework exported by the
 * system bundle: it resolves, registers its module, serves real clients with every codec, and after
 * uninstall nothing keeps its class loader reachable.
 */
public class KafkaBundleIT {

    private static final String NETTY_VERSION = "4.1.136";
    private static final String SLF4J_VERSION = "2.0.17";

    @Test
    public void resolvesServesAndUnloadsCleanly() throws Exception {
        File bundleJar = new File(System.getProperty("kafka.bundle"));
        Map<String, String> config = new HashMap<>();
        config.put(Constants.FRAMEWORK_STORAGE, System.getProperty("felix.cache"));
        config.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        config.put(Constants.FRAMEWORK_SYSTEMPACKAGES_EXTRA, systemPackages(bundleJar));
        Framework framework = ServiceLoader.load(FrameworkFactory.class).iterator().next().newFramework(config);
        framework.start();
        EventLoopGroup group = new NioEventLoopGroup(1);
        WeakReference<ClassLoader> bundleLoader;
        try {
            Bundle bundle = framework.getBundleContext().installBundle(bundleJar.toURI().toString());
            bundle.start();
            assertEquals(bundle.getState(), Bundle.ACTIVE);
            bundleLoader = new WeakReference<>(serveClients(framework, group));
            bundle.stop();
            bundle.uninstall();
            CompletableFuture<Void> refreshed = new CompletableFuture<>();
            framework.adapt(FrameworkWiring.class).refreshBundles(List.of(bundle),
                    event -> refreshed.complete(null));
            refreshed.get();
        } finally {
            framework.stop();
            FrameworkEvent stopped = framework.waitForStop(60_000);
            assertEquals(stopped.getType(), FrameworkEvent.STOPPED);
        }
        for (int attempt = 0; attempt < 50 && bundleLoader.get() != null; attempt++) {
            System.gc();
            Thread.sleep(100);
        }
        if (bundleLoader.get() != null && System.getProperty("leak.dump") != null) {
            java.lang.management.ManagementFactory.getPlatformMXBean(com.sun.management.HotSpotDiagnosticMXBean.class)
                    .dumpHeap(System.getProperty("leak.dump"), true);
        }
        assertNull(bundleLoader.get(), "the bundle's class loader is still reachable (run with -Dleak.dump=file.hprof)");
        group.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).sync();
    }

    /** Runs the module behind a socket for real clients and returns its class loader. */
    private static ClassLoader serveClients(Framework framework, EventLoopGroup group) throws Exception {
        ServiceReference<ProtocolModule> reference = framework.getBundleContext()
                .getServiceReferences(ProtocolModule.class, "(protocol=kafka)").iterator().next();
        ProtocolModule module = framework.getBundleContext().getService(reference);
        assertNotNull(module);
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        try (FakeModuleContext context = new FakeModuleContext(Map.of(), new Endpoint("127.0.0.1", port))) {
            module.start(context).join();
            Channel server = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                    .childHandler(module.channelInitializer(context.listener())).bind("127.0.0.1", port).sync().channel();
            List<String> codecs = List.of("none", "gzip", "snappy", "lz4", "zstd");
            for (String codec : codecs) {
                produce("127.0.0.1:" + port, codec);
            }
            assertEquals(consume("127.0.0.1:" + port, codecs.size() * 3), codecs.size() * 3);
            server.close().sync();
            module.drain(Duration.ofSeconds(5)).join();
            module.stop();
        }
        ClassLoader loader = module.getClass().getClassLoader();
        framework.getBundleContext().ungetService(reference);
        return loader;
    }

    private static void produce(String bootstrap, String codec) throws Exception {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, codec);
        try (KafkaProducer<String, String> producer =
                     new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
            for (int i = 0; i < 3; i++) {
                producer.send(new ProducerRecord<>("bundle", 0, "k", codec + i)).get();
            }
        }
    }

    private static int consume(String bootstrap, int expected) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        int received = 0;
        try (KafkaConsumer<String, String> consumer =
                     new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            TopicPartition partition = new TopicPartition("bundle", 0);
            consumer.assign(List.of(partition));
            consumer.seek(partition, 0);
            long giveUp = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (received < expected && System.nanoTime() < giveUp) {
                received += consumer.poll(Duration.ofMillis(200)).count();
            }
        }
        return received;
    }

    /** The SPI packages at the versions the API bundle's manifest exports them, as the host exports them. */
    private static List<String> spiExports() throws Exception {
        Path classes = Path.of(ProtocolModule.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Manifest manifest;
        if (Files.isDirectory(classes)) {
            try (InputStream in = Files.newInputStream(classes.resolve("META-INF/MANIFEST.MF"))) {
                manifest = new Manifest(in);
            }
        } else {
            try (JarFile jar = new JarFile(classes.toFile())) {
                manifest = jar.getManifest();
            }
        }
        List<String> exports = new ArrayList<>();
        Matcher export = Pattern.compile("(io\\.tributary\\.spi[\\w.]*);version=\"([^\"]+)\"")
                .matcher(manifest.getMainAttributes().getValue(Constants.EXPORT_PACKAGE));
        while (export.find()) {
            exports.add(export.group(1) + ";version=" + export.group(2));
        }
        assertTrue(exports.stream().anyMatch(e -> e.startsWith("io.tributary.spi;")), exports.toString());
        return exports;
    }

    /** What the host's system bundle exports: the SPI, the Netty packages the bundle uses, and slf4j. */
    private static String systemPackages(File bundleJar) throws Exception {
        Set<String> packages = new LinkedHashSet<>();
        packages.addAll(spiExports());
        try (JarFile jar = new JarFile(bundleJar)) {
            String imports = jar.getManifest().getMainAttributes().getValue(Constants.IMPORT_PACKAGE);
            Matcher netty = Pattern.compile("io\\.netty[\\w.]*").matcher(imports);
            while (netty.find()) {
                packages.add(netty.group() + ";version=" + NETTY_VERSION);
            }
            assertTrue(!imports.contains("org.apache.pulsar") && !imports.contains("com.github.luben")
                    && !imports.contains("org.xerial") && !imports.contains("net.jpountz"), imports);
        }
        packages.add("org.slf4j;version=" + SLF4J_VERSION);
        return String.join(",", packages);
    }
}
