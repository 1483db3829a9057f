package io.tributary.host.metrics;

import io.tributary.spi.metrics.ModuleMetrics;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.apache.pulsar.broker.stats.prometheus.PrometheusRawMetricsProvider;
import org.apache.pulsar.common.util.SimpleTextOutputStream;

/**
 * The running modules' metrics on the broker's Prometheus endpoint, next to Pulsar's own. Registered with
 * the broker once; modules come and go under it, since the broker cannot remove a provider.
 */
public final class ModuleMetricsEndpoint implements PrometheusRawMetricsProvider {

    private final String cluster;
    private final ConcurrentMap<String, ProtocolMetrics> modules = new ConcurrentHashMap<>();

    public ModuleMetricsEndpoint(String cluster) {
        this.cluster = cluster;
    }

    /** Fresh metrics for a starting module; they are written until {@link #close}. */
    public ModuleMetrics open(String protocol) {
        ProtocolMetrics metrics = new ProtocolMetrics(protocol);
        modules.put(protocol, metrics);
        return metrics;
    }

    /** Drops a stopped module's metrics, unless the protocol has started again with new ones. */
    public void close(String protocol, ModuleMetrics metrics) {
        modules.remove(protocol, metrics);
    }

    @Override
    public void generate(SimpleTextOutputStream out) {
        Map<String, ProtocolMetrics> sorted = new TreeMap<>(modules);
        sorted.values().forEach(metrics -> metrics.writeTo(out, cluster));
    }
}
