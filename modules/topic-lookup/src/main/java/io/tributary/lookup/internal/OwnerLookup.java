package io.tributary.lookup.internal;

import java.net.URI;
import java.util.concurrent.CompletableFuture;
import org.apache.pulsar.broker.PulsarService;
import org.apache.pulsar.broker.lookup.LookupResult;
import org.apache.pulsar.broker.namespace.LookupOptions;
import org.apache.pulsar.common.lookup.data.LookupData;
import org.apache.pulsar.common.naming.TopicName;

/**
 * Finds the broker that owns (or is assigned) a Pulsar topic, as a broker id ({@code host:webPort},
 * what {@link PulsarService#getBrokerId()} returns on that broker).
 */
public final class OwnerLookup {

    private final PulsarService pulsar;

    public OwnerLookup(PulsarService pulsar) {
        this.pulsar = pulsar;
    }

    public CompletableFuture<String> ownerBrokerId(String pulsarTopic) {
        LookupOptions options = LookupOptions.builder().authoritative(false).loadTopicsInBundle(false).build();
        return pulsar.getNamespaceService().getBrokerServiceUrlAsync(TopicName.get(pulsarTopic), options)
                .thenApply(result -> brokerId(pulsarTopic, result.orElseThrow(() ->
                        new IllegalStateException("no broker available for " + pulsarTopic))));
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
