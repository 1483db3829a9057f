package io.tributary.spi;

import io.tributary.spi.coordination.GroupCoordinator;
import io.tributary.spi.coordination.ProducerIds;
import io.tributary.spi.metrics.ModuleMetrics;
import io.tributary.spi.storage.PartitionLogs;
import io.tributary.spi.topic.TopicLookup;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;

/** What the host hands a protocol module when it starts. */
public interface ModuleContext {

    /**
     * The module's configuration: every broker property under the protocol's prefix, with the prefix
     * removed ({@code kafka.defaultPartitions=3} arrives as {@code defaultPartitions=3}).
     */
    Map<String, String> properties();

    /** This broker's listeners for the module's protocol, as bound when the module started. */
    List<Listener> listeners();

    BrokerInfo broker();

    /**
     * A scheduler shared by the host for short, non-blocking tasks (timeouts, delayed responses).
     * Tasks a module scheduled are cancelled when the module stops.
     */
    ScheduledExecutorService scheduler();

    TopicLookup topics();

    PartitionLogs logs();

    ProducerIds producerIds();

    /** Consumer groups and their committed offsets. */
    GroupCoordinator groups();

    /** Where the module publishes its metrics, on the broker's Prometheus endpoint. */
    ModuleMetrics metrics();
}
