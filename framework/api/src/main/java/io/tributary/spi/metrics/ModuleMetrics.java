package io.tributary.spi.metrics;

import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * The metrics a module publishes on the broker's Prometheus endpoint ({@code /metrics} on its web port).
 * The host names each {@code tributary_<protocol>_<name>} and labels each series with the broker's cluster
 * besides the labels given here. A module's metrics leave the endpoint when it stops.
 *
 * <p>Names and label names are lower-case Prometheus names ({@code [a-z_][a-z0-9_]*}). A name holds one
 * kind of metric with one help text; asking again for a name and labels already registered returns the
 * same series.
 */
public interface ModuleMetrics {

    /** A counter; its name ends in {@code _total}. */
    Counter counter(String name, String help, Map<String, String> labels);

    /** A gauge read from {@code value} at each scrape; registering it again replaces the supplier. */
    void gauge(String name, String help, Map<String, String> labels, LongSupplier value);

    /** A histogram with the given upper bounds, in increasing order; {@code +Inf} is added. */
    Histogram histogram(String name, String help, List<Double> upperBounds, Map<String, String> labels);
}
