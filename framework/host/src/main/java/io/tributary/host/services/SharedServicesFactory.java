package io.tributary.host.services;

import io.tributary.coordinator.PulsarGroups;
import io.tributary.coordinator.pulsar.PulsarGroupsRuntime;
import io.tributary.host.HostConfig;
import io.tributary.host.metrics.ModuleMetricsEndpoint;
import io.tributary.lookup.ProtocolEndpoints;
import io.tributary.lookup.PulsarTopicLookup;
import io.tributary.spi.BrokerInfo;
import io.tributary.storage.ManagedLedgerPartitionLogs;
import java.util.concurrent.TimeUnit;
import org.apache.pulsar.broker.PulsarService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Builds the shared services on a started broker and releases them when the host stops. */
public final class SharedServicesFactory implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SharedServicesFactory.class);

    private final PulsarService pulsar;
    private ProtocolEndpoints endpoints;
    private ManagedLedgerPartitionLogs logs;
    private PulsarGroups groups;

    public SharedServicesFactory(PulsarService pulsar) {
        this.pulsar = pulsar;
    }

    public SharedServices create() {
        String brokerId = pulsar.getBrokerId();
        BrokerInfo broker = new BrokerInfo(pulsar.getConfiguration().getClusterName(), brokerId,
                pulsar.getAdvertisedAddress());
        endpoints = new ProtocolEndpoints(pulsar.getLocalMetadataStore());
        HostConfig config = HostConfig.from(pulsar.getConfiguration().getProperties());
        logs = new ManagedLedgerPartitionLogs(pulsar, config.recentBatchesBytes(), config.readAheadBytes());
        pulsar.addPrometheusRawMetricsProvider(logs.metrics(broker.clusterName()));
        ModuleMetricsEndpoint metrics = new ModuleMetricsEndpoint(broker.clusterName());
        pulsar.addPrometheusRawMetricsProvider(metrics);
        groups = PulsarGroupsRuntime.start(pulsar, config.groups());
        EndpointDirectory directory = (protocol, list) -> endpoints.publish(brokerId, protocol, list);
        return new SharedServices(broker, new PulsarTopicLookup(pulsar, endpoints), logs,
                new MetadataProducerIds(pulsar.getLocalMetadataStore()), groups.coordinator(), directory, metrics);
    }

    @Override
    public void close() {
        if (groups != null) {
            groups.close();
        }
        if (logs != null) {
            logs.close();
        }
        if (endpoints != null) {
            try {
                endpoints.unpublishAll(pulsar.getBrokerId()).get(5, TimeUnit.SECONDS);
            } catch (Exception e) {
                LOG.warn("Could not remove this broker's endpoints: {}", e.toString());
            }
        }
    }
}
