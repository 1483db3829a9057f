package io.tributary.lookup;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tributary.lookup.internal.EndpointsDocument;
import io.tributary.lookup.internal.Futures;
import io.tributary.spi.Endpoint;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.pulsar.common.util.ObjectMapperFactory;
import org.apache.pulsar.metadata.api.MetadataStore;
import org.apache.pulsar.metadata.api.MetadataStoreException;
import org.apache.pulsar.metadata.api.Stat;
import org.apache.pulsar.metadata.api.extended.CreateOption;
import org.apache.pulsar.metadata.api.extended.MetadataStoreExtended;

/**
 * The endpoints each broker advertises per protocol, as JSON under {@code /tributary/endpoints/<brokerId>}.
 * On a store with sessions the node is ephemeral and belongs to the broker's current session, so it disappears
 * with the broker; on any store {@link #unpublishAll} removes it.
 */
public final class ProtocolEndpoints {

    static final String ROOT = "/tributary/endpoints";

    private final MetadataStore store;
    private final ObjectMapper json = ObjectMapperFactory.getMapper().getObjectMapper();
    private final Map<String, CompletableFuture<EndpointsDocument>> published = new ConcurrentHashMap<>();

    public ProtocolEndpoints(MetadataStore store) {
        this.store = store;
    }

    /** Publishes a broker's endpoints for one protocol; an empty list removes the protocol. */
    public CompletableFuture<Void> publish(String brokerId, String protocol, List<Endpoint> endpoints) {
        CompletableFuture<EndpointsDocument> next = published.compute(brokerId, (id, previous) ->
                (previous == null ? CompletableFuture.completedFuture(new EndpointsDocument(Map.of())) : previous)
                        .exceptionally(t -> new EndpointsDocument(Map.of()))
                        .thenCompose(document -> write(id, document.with(protocol, List.copyOf(endpoints)))));
        return next.thenApply(document -> null);
    }

    /** The first endpoint {@code brokerId} advertises for {@code protocol}. */
    public CompletableFuture<Optional<Endpoint>> find(String brokerId, String protocol) {
        return store.get(path(brokerId)).thenApply(result -> result
                .map(r -> read(r.getValue()))
                .map(document -> document.protocols().get(protocol))
                .filter(list -> !list.isEmpty())
                .map(list -> list.get(0).toEndpoint()));
    }

    /** The first endpoint each of {@code brokerIds} advertises for {@code protocol}, for those that advertise one. */
    public CompletableFuture<List<Endpoint>> findAll(Collection<String> brokerIds, String protocol) {
        List<CompletableFuture<Optional<Endpoint>>> found = brokerIds.stream()
                .map(brokerId -> find(brokerId, protocol)).toList();
        return CompletableFuture.allOf(found.toArray(CompletableFuture[]::new))
                .thenApply(done -> found.stream().map(CompletableFuture::join).flatMap(Optional::stream).toList());
    }

    /** Removes everything the broker published. */
    public CompletableFuture<Void> unpublishAll(String brokerId) {
        published.remove(brokerId);
        return Futures.ignoring(store.delete(path(brokerId), Optional.empty()),
                MetadataStoreException.NotFoundException.class);
    }

    private CompletableFuture<EndpointsDocument> write(String brokerId, EndpointsDocument document) {
        byte[] bytes;
        try {
            bytes = json.writeValueAsBytes(document);
        } catch (IOException e) {
            return CompletableFuture.failedFuture(e);
        }
        String path = path(brokerId);
        if (!(store instanceof MetadataStoreExtended extended)) {
            return store.put(path, bytes, Optional.empty()).thenApply(stat -> document);
        }
        return extended.put(path, bytes, Optional.empty(), EnumSet.of(CreateOption.Ephemeral))
                .thenCompose(stat -> stat.isCreatedBySelf() ? CompletableFuture.completedFuture(stat)
                        : recreate(extended, path, bytes, stat))
                .thenApply(stat -> document);
    }

    /**
     * A broker started again before its earlier metadata session expired finds its node still there: updating it
     * leaves it with that session, and it would disappear when the session expires. So it is deleted and created
     * again in this session.
     */
    private static CompletableFuture<Stat> recreate(MetadataStoreExtended store, String path, byte[] bytes,
                                                    Stat stale) {
        return Futures.ignoring(store.delete(path, Optional.of(stale.getVersion())),
                        MetadataStoreException.NotFoundException.class)
                .thenCompose(deleted -> store.put(path, bytes, Optional.of(-1L), EnumSet.of(CreateOption.Ephemeral)));
    }

    private EndpointsDocument read(byte[] bytes) {
        try {
            return json.readValue(bytes, EndpointsDocument.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String path(String brokerId) {
        return ROOT + "/" + brokerId;
    }
}
