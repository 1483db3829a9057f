package io.tributary.standalone;

import java.io.File;
import java.io.IOException;
import java.lang.reflect.Field;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.bookkeeper.bookie.Bookie;
import org.apache.bookkeeper.bookie.BookieImpl;
import org.apache.bookkeeper.bookie.Cookie;
import org.apache.bookkeeper.client.BookKeeperAdmin;
import org.apache.bookkeeper.common.allocator.PoolingPolicy;
import org.apache.bookkeeper.common.component.Lifecycle;
import org.apache.bookkeeper.common.component.LifecycleComponentStack;
import org.apache.bookkeeper.conf.ServerConfiguration;
import org.apache.bookkeeper.server.EmbeddedServer;
import org.apache.bookkeeper.server.conf.BookieConfiguration;
import org.apache.pulsar.metadata.api.MetadataStoreConfig;
import org.apache.pulsar.metadata.api.extended.MetadataStoreExtended;
import org.apache.pulsar.metadata.bookkeeper.AbstractMetadataDriver;
import org.apache.pulsar.metadata.bookkeeper.PulsarMetadataBookieDriver;
import org.apache.pulsar.metadata.bookkeeper.PulsarMetadataClientDriver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One bookie in this process, registered in the broker's metadata store and listening on a loopback
 * port, with pooled direct buffers. When its configuration enables BookKeeper's in-JVM transport, clients in
 * this process reach it through that instead, completed by {@link InJvmBookieTransport}.
 */
final class EmbeddedBookie implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedBookie.class);
    private static final Pattern COOKIE_HOST = Pattern.compile("bookieHost: \"([^\"]+):(\\d+)\"");
    private static final String LOOPBACK = "127.0.0.1";
    private static final long START_TIMEOUT_MS = 30_000;
    private static final String INSTANCE_ID_PATH = "/ledgers/INSTANCEID";
    private static final long METADATA_TIMEOUT_SECONDS = 30;

    private final MetadataStoreExtended store;
    private final LifecycleComponentStack server;
    private final Bookie bookie;
    private final AtomicBoolean closing;

    private EmbeddedBookie(MetadataStoreExtended store, LifecycleComponentStack server, Bookie bookie,
                           AtomicBoolean closing) {
        this.store = store;
        this.server = server;
        this.bookie = bookie;
        this.closing = closing;
    }

    /** Starts a bookie keeping its journal and ledgers under {@code dataDir}. */
    static EmbeddedBookie start(ServerConfiguration conf, String metadataStoreUrl, Path dataDir) throws Exception {
        Files.createDirectories(dataDir);
        MetadataStoreExtended store = MetadataStoreExtended.create(metadataStoreUrl,
                MetadataStoreConfig.builder().metadataStoreName(MetadataStoreConfig.METADATA_STORE).build());
        try {
            System.setProperty("bookkeeper.metadata.bookie.drivers", PulsarMetadataBookieDriver.class.getName());
            System.setProperty("bookkeeper.metadata.client.drivers", PulsarMetadataClientDriver.class.getName());
            conf.setProperty(AbstractMetadataDriver.METADATA_STORE_INSTANCE, store);
            conf.setMetadataServiceUri("metadata-store:" + metadataStoreUrl);
            if (!store.exists(INSTANCE_ID_PATH).get(METADATA_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                BookKeeperAdmin.initNewCluster(conf);
            }
            conf.setJournalDirName(dataDir.toString());
            conf.setLedgerDirNames(new String[] {dataDir.toString()});
            conf.setAllocatorPoolingPolicy(PoolingPolicy.PooledDirect);
            bindAddress(conf, dataDir.toFile());

            EmbeddedServer embedded = EmbeddedServer.builder(new BookieConfiguration(conf)).build();
            LifecycleComponentStack server = embedded.getLifecycleComponentStack();
            // Not ComponentStarter.startComponent: its JVM shutdown hook would stop the bookie while the broker
            // is still closing its ledgers; EmbeddedBroker.close stops the broker first, then the bookie.
            // BookKeeper 4.17 leaves the bookie's death watcher running after shutdown; it then fails by design.
            AtomicBoolean closing = new AtomicBoolean();
            server.setExceptionHandler((thread, error) -> {
                if (closing.get()) {
                    LOG.debug("Bookie thread {} ended after the bookie stopped", thread.getName(), error);
                    return;
                }
                LOG.error("Bookie thread {} failed; stopping the bookie", thread.getName(), error);
                new Thread(server::close, "bookie-stop").start();
            });
            server.start();
            awaitStarted(server);
            if (conf.isEnableLocalTransport()) {
                completeInJvmTransport(server, conf);
            }
            LOG.info("Bookie {}:{} started", conf.getAdvertisedAddress(), conf.getBookiePort());
            return new EmbeddedBookie(store, server, embedded.getBookieService().getServer().getBookie(), closing);
        } catch (Exception | Error e) {
            store.close();
            throw e;
        }
    }

    @Override
    public void close() throws Exception {
        try {
            closing.set(true);
            markShutdownStarted(bookie);
            server.close();
        } finally {
            store.close();
        }
    }

    /**
     * Tells the bookie that its shutdown has begun, so that its journal thread, when it exits during this
     * shutdown, does not start a second one. BookKeeper 4.17's journal-exit listener does that through
     * {@code BookieImpl.triggerBookieShutdown}, and the second shutdown can run after the first has stopped
     * the sync thread, failing with an error in the log. The flag is not public; if it is missing, the
     * bookie still stops, only with that error possible.
     */
    private static void markShutdownStarted(Bookie bookie) {
        if (!(bookie instanceof BookieImpl)) {
            return;
        }
        try {
            Field triggered = BookieImpl.class.getDeclaredField("shutdownTriggered");
            triggered.setAccessible(true);
            ((AtomicBoolean) triggered.get(bookie)).set(true);
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.debug("Cannot mark the bookie's shutdown as started", e);
        }
    }

    /** The address recorded in the directory's cookie, or a free loopback port for a new directory. */
    private static void bindAddress(ServerConfiguration conf, File dataDir) throws IOException {
        conf.setAdvertisedAddress(LOOPBACK);
        File current = new File(dataDir, "current");
        if (new File(current, "VERSION").exists()) {
            Matcher m = COOKIE_HOST.matcher(Cookie.readFromDirectory(current).toString());
            if (m.find()) {
                conf.setAdvertisedAddress(m.group(1));
                conf.setBookiePort(Integer.parseInt(m.group(2)));
                return;
            }
        }
        try (ServerSocket probe = new ServerSocket()) {
            probe.bind(new InetSocketAddress(LOOPBACK, 0));
            conf.setBookiePort(probe.getLocalPort());
        }
    }

    private static void completeInJvmTransport(LifecycleComponentStack server, ServerConfiguration conf)
            throws IOException {
        try {
            InJvmBookieTransport.complete(BookieImpl.getBookieId(conf).toString());
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
    }

    private static void awaitStarted(LifecycleComponentStack server) throws InterruptedException {
        long deadline = System.currentTimeMillis() + START_TIMEOUT_MS;
        while (server.lifecycleState() != Lifecycle.State.STARTED) {
            if (System.currentTimeMillis() > deadline) {
                server.close();
                throw new IllegalStateException("the bookie did not start within " + START_TIMEOUT_MS + " ms");
            }
            Thread.sleep(10);
        }
    }
}
