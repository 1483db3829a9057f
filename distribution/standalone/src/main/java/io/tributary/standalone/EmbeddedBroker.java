package io.tributary.standalone;

import java.io.FileDescriptor;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Optional;
import java.util.Set;
import org.apache.bookkeeper.conf.ServerConfiguration;
import org.apache.bookkeeper.util.PageCacheUtil;
import org.apache.pulsar.broker.PulsarService;
import org.apache.pulsar.broker.ServiceConfiguration;
import org.apache.pulsar.client.admin.PulsarAdmin;
import org.apache.pulsar.client.admin.PulsarAdminException;
import org.apache.pulsar.common.policies.data.ClusterData;
import org.apache.pulsar.common.policies.data.TenantInfo;
import org.apache.pulsar.functions.worker.WorkerConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Pulsar broker in this process with one bookie and a RocksDB metadata store, all under one data
 * directory. Restarting on the same directory brings back every topic and message.
 */
public final class EmbeddedBroker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedBroker.class);

    /**
     * Entry-log read and write buffer. BookKeeper's default read buffer (512 bytes) costs a pread call
     * per 512 bytes of a Kafka batch; one buffer holds several batches and serves sequential reads.
     */
    private static final int ENTRY_LOG_BUFFER_BYTES = 1024 * 1024;
    private static final int JOURNAL_FILE_MB = 512;

    private final ServiceConfiguration config;
    private final Path dataDir;
    private final boolean journalSync;
    private EmbeddedBookie bookie;
    private PulsarService pulsar;

    public EmbeddedBroker(ServiceConfiguration config, Path dataDir, boolean journalSync) {
        this.config = config;
        this.dataDir = dataDir.toAbsolutePath();
        this.journalSync = journalSync;
    }

    /**
     * Starts the bookie and the broker. Both keep their metadata in a RocksDB store in the data directory unless
     * the configuration names a metadata store ({@code metadataStoreUrl}, e.g. ZooKeeper); several such brokers,
     * each with its own bookie, then form one cluster.
     */
    public EmbeddedBroker start() throws Exception {
        Files.createDirectories(dataDir);
        boolean ownMetadataStore = config.getMetadataStoreUrl() == null || config.getMetadataStoreUrl().isBlank();
        String metadataStoreUrl = ownMetadataStore ? "rocksdb://" + dataDir.resolve("metadata")
                : config.getMetadataStoreUrl();
        bookie = EmbeddedBookie.start(bookieConfiguration(), metadataStoreUrl, dataDir.resolve("bookkeeper"));
        config.setMetadataStoreUrl(metadataStoreUrl);
        config.setConfigurationMetadataStoreUrl(metadataStoreUrl);
        config.setBookkeeperNumberOfChannelsPerBookie(1);
        // Standalone lookups send Pulsar clients back through the address they used, which only one broker has.
        config.setRunningStandalone(ownMetadataStore);
        pulsar = new PulsarService(config, new WorkerConfig(), Optional.empty(), EmbeddedBroker::halt);
        pulsar.start();
        createDefaultNamespaces();
        return this;
    }

    public PulsarService pulsar() {
        return pulsar;
    }

    public ServiceConfiguration config() {
        return config;
    }

    public String brokerServiceUrl() {
        return pulsar.getBrokerServiceUrl();
    }

    public String webServiceUrl() {
        return pulsar.getWebServiceAddress();
    }

    @Override
    public void close() {
        try {
            if (pulsar != null) {
                pulsar.close();
                pulsar = null;
            }
            if (bookie != null) {
                bookie.close();
                bookie = null;
            }
        } catch (Exception e) {
            LOG.error("Embedded broker did not stop cleanly", e);
        }
    }

    private ServerConfiguration bookieConfiguration() {
        ServerConfiguration bookie = new ServerConfiguration();
        bookie.setAllowLoopback(true);
        bookie.setListeningInterface(loopbackInterface());
        bookie.setJournalSyncData(journalSync);
        bookie.setJournalWriteData(true);
        bookie.setJournalFlushWhenQueueEmpty(true);
        // As Pulsar's bookkeeper.conf: adds go from the bookie's I/O thread to the journal without another hand-off.
        bookie.setNumAddWorkerThreads(0);
        // Reads too, as Kafka serves fetches on its network threads: one entry read from the page cache costs
        // less than handing it to a read thread and back. A read that misses the page cache holds that I/O thread.
        bookie.setNumReadWorkerThreads(0);
        bookie.setProperty("journalPreAllocSizeMB", 16);
        // A journal file is only needed until the entry logs holding its entries are flushed; BookKeeper's
        // defaults (2 GiB files, 5 kept after that) hold up to 12 GiB of journal on a busy standalone.
        bookie.setMaxJournalSizeMB(JOURNAL_FILE_MB);
        bookie.setMaxBackupJournals(1);
        bookie.setJournalRemovePagesFromCache(fileDescriptorsReachable());
        bookie.setReadBufferBytes(ENTRY_LOG_BUFFER_BYTES);
        bookie.setWriteBufferBytes(ENTRY_LOG_BUFFER_BYTES);
        bookie.setGcWaitTime(60_000L);
        bookie.setDiskUsageThreshold(0.999F);
        bookie.setDiskUsageWarnThreshold(0.99F);
        bookie.setProperty("dbStorage_writeCacheMaxSizeMb", 64);
        // No read-ahead and no read cache in the bookie: the broker reads ahead of its readers and keeps what it
        // read, while the bookie's read-ahead copies up to 100 entries into its cache and out again, on the I/O
        // thread, before answering the read that started it, and its read cache copies in every entry read. The
        // entry-log read buffer keeps the reads of a ledger's entries sequential. With no cache, BookKeeper warns
        // of each entry it does not cache; conf/log4j2.xml keeps that logger (ReadCache) at ERROR.
        bookie.setProperty("dbStorage_readAheadCacheMaxSizeMb", 0);
        bookie.setProperty("dbStorage_readAheadCacheBatchSize", 0);
        bookie.setLedgerStorageClass("org.apache.bookkeeper.bookie.storage.ldb.DbLedgerStorage");
        bookie.setHttpServerEnabled(false);
        // The broker's BookKeeper clients reach this bookie in-process; the loopback port stays for other clients.
        bookie.setEnableLocalTransport(InJvmBookieTransport.available());
        return bookie;
    }

    /**
     * BookKeeper drops written journal pages from the page cache through the private descriptor field of
     * {@link FileDescriptor}; the launcher opens {@code java.io} for it. Without that access BookKeeper fails
     * an assertion in its journal thread, so the pages are then left to the kernel.
     */
    private static boolean fileDescriptorsReachable() {
        return FileDescriptor.class.getModule().isOpen("java.io", PageCacheUtil.class.getModule());
    }

    private static String loopbackInterface() {
        try {
            for (NetworkInterface nif : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (nif.isLoopback()) {
                    return nif.getName();
                }
            }
        } catch (SocketException e) {
            LOG.warn("Could not list network interfaces, the bookie listens on all of them", e);
        }
        return null;
    }

    private void createDefaultNamespaces() throws PulsarAdminException, org.apache.pulsar.broker.PulsarServerException {
        PulsarAdmin admin = pulsar.getAdminClient();
        String cluster = config.getClusterName();
        if (!admin.clusters().getClusters().contains(cluster)) {
            admin.clusters().createCluster(cluster, ClusterData.builder()
                    .serviceUrl(pulsar.getWebServiceAddress())
                    .brokerServiceUrl(pulsar.getBrokerServiceUrl())
                    .build());
        }
        for (String tenant : new String[] {"public", "pulsar"}) {
            if (!admin.tenants().getTenants().contains(tenant)) {
                admin.tenants().createTenant(tenant, TenantInfo.builder()
                        .adminRoles(Set.copyOf(config.getSuperUserRoles()))
                        .allowedClusters(Set.of(cluster))
                        .build());
            }
        }
        for (String namespace : new String[] {"public/default", "pulsar/system"}) {
            String tenant = namespace.substring(0, namespace.indexOf('/'));
            if (!admin.namespaces().getNamespaces(tenant).contains(namespace)) {
                admin.namespaces().createNamespace(namespace, config.getDefaultNumberOfNamespaceBundles());
            }
        }
    }

    private static void halt(int exitCode) {
        LOG.error("Broker asked to halt the process with code {}", exitCode);
        Runtime.getRuntime().halt(exitCode);
    }
}
