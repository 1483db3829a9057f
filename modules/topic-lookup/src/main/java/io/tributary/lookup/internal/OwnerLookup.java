package io.tributary.lookup.internal;

import java.net.URI;
import java.util.concurrent.CompletableFuture;
import org.apache.pulsar.broker.PulsarService;
import org.apache.pulsar.broker.lookup.LookupResult;
import org.apache.pulsar.broker.namespace.LookupOptions;
import org.apache.pulsar.client.impl.PulsarClientImpl;
import org.apache.pulsar.common.lookup.data.LookupData;
import org.apache.pulsar.common.naming.TopicName;

/**
 * Finds the broker that owns a Pulsar topic, as a broker id ({@code host:webPort}, what
 * {@link PulsarService#getBrokerId()} returns on that broker).
 *
 * <p>When nobody owns the topic's bundle yet, this broker's lookup only redirects: to the load manager's leader,
 * or from the leader to the broker it chose. Kafka clients cannot follow such a redirect, so the bundle is first
 * assigned the way a Pulsar client's lookup assigns it, by following the redirects until the chosen broker takes
 * the bundle, and then looked up again.
 */
public final class OwnerLookup {

    private static final LookupOptions NON_AUTHORITATIVE =
            LookupOptions.builder().authoritative(false).loadTopicsInBundle(false).build();

    private final PulsarService pulsar;

    public OwnerLookup(PulsarService pulsar) {
        this.pulsar = pulsar;
    }

    public CompletableFuture<String> ownerBrokerId(String pulsarTopic) {
        TopicName topic = TopicName.get(pulsarTopic);
        return lookup(topic).thenCompose(result -> {
            if (!result.isRedirect()) {
                return CompletableFuture.completedFuture(brokerId(pulsarTopic, result));
            }
            return assign(topic).thenCompose(assigned -> lookup(topic))
                    .thenApply(owner -> brokerId(pulsarTopic, owner));
        });
    }

    private CompletableFuture<LookupResult> lookup(TopicName topic) {
        return pulsar.getNamespaceService().getBrokerServiceUrlAsync(topic, NON_AUTHORITATIVE)
                .thenApply(result -> result.orElseThrow(() ->
                        new IllegalStateException("no broker available for " + topic)));
    }

    private CompletableFuture<?> assign(TopicName topic) {
        try {
            return ((PulsarClientImpl) pulsar.getClient()).getLookup().getBroker(topic);
        } catch (Exception e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private static String brokerId(String topic, LookupResult result) {
        LookupData data = result.getLookupData();
        String url = data.getHttpUrl() != null ? data.getHttpUrl() : data.getHttpUrlTls();
        if (url == null) {
            throw new IllegalStateException("lookup of " + topic + " returned no web service url");
        }
        URI uri = URI.create(url);
        return uri.getHost() + ":" + uri.getPort();
    }
}
