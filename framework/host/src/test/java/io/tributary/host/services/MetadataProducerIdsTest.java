package io.tributary.host.services;

import static org.testng.Assert.assertEquals;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.apache.pulsar.metadata.api.MetadataStore;
import org.apache.pulsar.metadata.api.MetadataStoreConfig;
import org.apache.pulsar.metadata.api.MetadataStoreFactory;
import org.testng.annotations.AfterMethod;
import org.testng.annotations.BeforeMethod;
import org.testng.annotations.Test;

public class MetadataProducerIdsTest {

    private MetadataStore store;

    @BeforeMethod
    public void openStore() throws Exception {
        store = MetadataStoreFactory.create("memory:" + System.nanoTime(), MetadataStoreConfig.builder().build());
    }

    @AfterMethod(alwaysRun = true)
    public void closeStore() throws Exception {
        store.close();
    }

    @Test
    public void idsAreUniqueAcrossAllocatorsSharingAStore() {
        List<MetadataProducerIds> brokers = List.of(new MetadataProducerIds(store), new MetadataProducerIds(store));
        int perBroker = (int) (MetadataProducerIds.BLOCK_SIZE * 2 + 7);

        List<CompletableFuture<Long>> ids = IntStream.range(0, perBroker)
                .boxed()
                .flatMap(i -> brokers.stream().map(MetadataProducerIds::next))
                .toList();

        Set<Long> distinct = new HashSet<>();
        ids.forEach(id -> distinct.add(id.join()));
        assertEquals(distinct.size(), perBroker * 2);
    }

    @Test
    public void aRestartedAllocatorNeverRepeatsAnId() {
        long first = new MetadataProducerIds(store).next().join();

        long afterRestart = new MetadataProducerIds(store).next().join();

        assertEquals(first, 0L);
        assertEquals(afterRestart, MetadataProducerIds.BLOCK_SIZE);
    }
}
