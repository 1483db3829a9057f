package io.tributary.host.services;

import io.tributary.spi.BrokerInfo;
import io.tributary.spi.Listener;
import io.tributary.spi.ModuleContext;
import io.tributary.spi.coordination.GroupCoordinator;
import io.tributary.spi.coordination.ProducerIds;
import io.tributary.spi.metrics.ModuleMetrics;
import io.tributary.spi.storage.PartitionLogs;
import io.tributary.spi.topic.TopicLookup;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;

/** The context one running module sees; {@link #close()} releases what the host gave it. */
public final class HostModuleContext implements ModuleContext, AutoCloseable {

    private final String protocol;
    private final SharedServices services;
    private final Map<String, String> properties;
    private final List<Listener> listeners;
    private final ScheduledExecutorService scheduler;
    private final ModuleMetrics metrics;

    public HostModuleContext(String protocol, SharedServices services, Map<String, String> properties,
                             List<Listener> listeners) {
        this.protocol = protocol;
        this.services = services;
        this.properties = properties;
        this.listeners = List.copyOf(listeners);
        this.scheduler = ModuleScheduler.create(protocol);
        this.metrics = services.metrics().open(protocol);
    }

    @Override
    public Map<String, String> properties() {
        return properties;
    }

    @Override
    public List<Listener> listeners() {
        return listeners;
    }

    @Override
    public BrokerInfo broker() {
        return services.broker();
    }

    @Override
    public ScheduledExecutorService scheduler() {
        return scheduler;
    }

    @Override
    public TopicLookup topics() {
        return services.topics();
    }

    @Override
    public PartitionLogs logs() {
        return services.logs();
    }

    @Override
    public ProducerIds producerIds() {
        return services.producerIds();
    }

    @Override
    public GroupCoordinator groups() {
        return services.groups();
    }

    @Override
    public ModuleMetrics metrics() {
        return metrics;
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        services.metrics().close(protocol, metrics);
    }
}
