package io.tributary.host.services;

import io.tributary.spi.BrokerInfo;
import org.apache.pulsar.broker.PulsarService;

/** Builds the shared services on a started broker and releases them when the host stops. */
public final class SharedServicesFactory implements AutoCloseable {

    private final PulsarService pulsar;

    public SharedServicesFactory(PulsarService pulsar) {
        this.pulsar = pulsar;
    }

    public SharedServices create() {
        BrokerInfo broker = new BrokerInfo(pulsar.getConfiguration().getClusterName(), pulsar.getBrokerId(),
                pulsar.getAdvertisedAddress());
        return new SharedServices(broker, null, null, new MetadataProducerIds(pulsar.getLocalMetadataStore()),
                (protocol, endpoints) -> java.util.concurrent.CompletableFuture.completedFuture(null));
    }

    @Override
    public void close() {
    }
}
