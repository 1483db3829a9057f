package io.tributary.lookup;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.tributary.spi.Endpoint;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.pulsar.metadata.api.MetadataStoreException;
import org.apache.pulsar.metadata.api.Stat;
import org.apache.pulsar.metadata.api.extended.CreateOption;
import org.apache.pulsar.metadata.api.extended.MetadataStoreExtended;
import org.mockito.InOrder;
import org.testng.annotations.BeforeMethod;
import org.testng.annotations.Test;

/**
 * Which session the endpoints node ends up in. ZooKeeper sessions cannot be made to expire on demand in a unit
 * test, so the store is mocked and answers as {@code ZKMetadataStore} does.
 */
public class ProtocolEndpointsTest {

    private static final String PATH = ProtocolEndpoints.ROOT + "/broker-1:8080";
    private static final EnumSet<CreateOption> EPHEMERAL = EnumSet.of(CreateOption.Ephemeral);

    private MetadataStoreExtended store;
    private ProtocolEndpoints endpoints;

    @BeforeMethod
    public void setUp() {
        store = mock(MetadataStoreExtended.class);
        endpoints = new ProtocolEndpoints(store);
    }

    @Test
    public void aNodeOfThisSessionIsUpdatedInPlace() throws Exception {
        when(store.put(eq(PATH), any(), eq(Optional.empty()), eq(EPHEMERAL)))
                .thenReturn(CompletableFuture.completedFuture(stat(3, true)));

        publish();

        verify(store, never()).delete(any(), any());
    }

    @Test
    public void aNodeLeftByAnEarlierSessionIsCreatedAgainInThisOne() throws Exception {
        when(store.put(eq(PATH), any(), eq(Optional.empty()), eq(EPHEMERAL)))
                .thenReturn(CompletableFuture.completedFuture(stat(7, false)));
        when(store.delete(PATH, Optional.of(7L))).thenReturn(CompletableFuture.completedFuture(null));
        when(store.put(eq(PATH), any(), eq(Optional.of(-1L)), eq(EPHEMERAL)))
                .thenReturn(CompletableFuture.completedFuture(stat(0, true)));

        publish();

        InOrder order = inOrder(store);
        order.verify(store).put(eq(PATH), any(), eq(Optional.empty()), eq(EPHEMERAL));
        order.verify(store).delete(PATH, Optional.of(7L));
        order.verify(store).put(eq(PATH), any(), eq(Optional.of(-1L)), eq(EPHEMERAL));
    }

    @Test
    public void aStaleNodeThatExpiresMeanwhileIsCreatedAgainAnyway() throws Exception {
        when(store.put(eq(PATH), any(), eq(Optional.empty()), eq(EPHEMERAL)))
                .thenReturn(CompletableFuture.completedFuture(stat(7, false)));
        when(store.delete(PATH, Optional.of(7L)))
                .thenReturn(CompletableFuture.failedFuture(new MetadataStoreException.NotFoundException("gone")));
        when(store.put(eq(PATH), any(), eq(Optional.of(-1L)), eq(EPHEMERAL)))
                .thenReturn(CompletableFuture.completedFuture(stat(0, true)));

        publish();

        verify(store).put(eq(PATH), any(), eq(Optional.of(-1L)), eq(EPHEMERAL));
    }

    private void publish() throws Exception {
        endpoints.publish("broker-1:8080", "kafka", List.of(new Endpoint("broker-1", 9092)))
                .get(5, TimeUnit.SECONDS);
    }

    private static Stat stat(long version, boolean createdBySelf) {
        return new Stat(PATH, version, 0, 0, true, createdBySelf);
    }
}
