package io.tributary.standalone;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertTrue;

import com.google.common.io.MoreFiles;
import com.google.common.io.RecursiveDeleteOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.apache.bookkeeper.bookie.BookieImpl;
import org.apache.bookkeeper.client.BookKeeper;
import org.apache.bookkeeper.client.BookKeeper.DigestType;
import org.apache.bookkeeper.client.LedgerEntry;
import org.apache.bookkeeper.client.LedgerHandle;
import org.apache.bookkeeper.conf.ClientConfiguration;
import org.apache.bookkeeper.conf.ServerConfiguration;
import org.apache.bookkeeper.proto.LocalBookiesRegistry;
import org.apache.pulsar.metadata.api.MetadataStoreConfig;
import org.apache.pulsar.metadata.api.extended.MetadataStoreExtended;
import org.apache.pulsar.metadata.bookkeeper.AbstractMetadataDriver;
import org.testng.annotations.AfterClass;
import org.testng.annotations.BeforeClass;
import org.testng.annotations.Test;

public class InJvmBookieTransportTest {

    private static final byte[] PASSWORD = new byte[0];

    private Path dir;
    private EmbeddedBookie bookie;
    private MetadataStoreExtended store;
    private BookKeeper client;
    private ServerConfiguration conf;

    @BeforeClass
    public void startBookieAndClient() throws Exception {
        dir = Files.createTempDirectory("in-jvm-bookie");
        String storeUrl = "rocksdb://" + dir.resolve("metadata");
        conf = TestBookieConfiguration.small();
        conf.setEnableLocalTransport(InJvmBookieTransport.available());
        bookie = EmbeddedBookie.start(conf, storeUrl, dir.resolve("bookkeeper"));

        store = MetadataStoreExtended.create(storeUrl,
                MetadataStoreConfig.builder().metadataStoreName(MetadataStoreConfig.METADATA_STORE).build());
        ClientConfiguration clientConf = new ClientConfiguration();
        clientConf.setMetadataServiceUri("metadata-store:" + storeUrl);
        clientConf.setProperty(AbstractMetadataDriver.METADATA_STORE_INSTANCE, store);
        clientConf.setUseV2WireProtocol(true);
        client = BookKeeper.forConfig(clientConf).build();
    }

    @AfterClass(alwaysRun = true)
    public void stop() throws Exception {
        if (client != null) {
            client.close();
        }
        if (bookie != null) {
            bookie.close();
        }
        if (store != null) {
            store.close();
        }
        MoreFiles.deleteRecursively(dir, RecursiveDeleteOption.ALLOW_INSECURE);
    }

    @Test
    public void clientsInThisProcessReachTheBookieInProcess() throws Exception {
        assertTrue(InJvmBookieTransport.available());
        assertTrue(LocalBookiesRegistry.isLocalBookie(BookieImpl.getBookieId(conf)));
    }

    @Test
    public void entriesOfEverySizeComeBackAsWritten() throws Exception {
        int[] sizes = {1, 1024, 16 * 1024, 16 * 1024 + 1, 128 * 1024, 1024 * 1024};
        byte[][] written = new byte[sizes.length][];
        Random random = new Random(7);
        long ledgerId;
        try (LedgerHandle ledger = client.createLedger(1, 1, 1, DigestType.CRC32C, PASSWORD)) {
            ledgerId = ledger.getId();
            for (int i = 0; i < sizes.length; i++) {
                written[i] = new byte[sizes[i]];
                random.nextBytes(written[i]);
                ledger.addEntry(written[i]);
            }
        }

        try (LedgerHandle ledger = client.openLedger(ledgerId, DigestType.CRC32C, PASSWORD)) {
            var entries = ledger.readEntries(0, sizes.length - 1);
            for (int i = 0; i < sizes.length; i++) {
                LedgerEntry entry = entries.nextElement();
                assertEquals(entry.getEntryId(), i);
                assertEquals(entry.getEntry(), written[i], "entry of " + sizes[i] + " bytes");
            }
        }
    }
}
