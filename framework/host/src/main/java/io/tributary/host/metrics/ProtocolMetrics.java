package io.tributary.host.metrics;

import io.tributary.host.metrics.MetricFamily.Kind;
import io.tributary.spi.metrics.Counter;
import io.tributary.spi.metrics.Histogram;
import io.tributary.spi.metrics.ModuleMetrics;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.LongSupplier;
import org.apache.pulsar.common.util.SimpleTextOutputStream;

/** One module's metrics, named {@code tributary_<protocol>_<name>}, in Prometheus' text format. */
final class ProtocolMetrics implements ModuleMetrics {

    private final String prefix;
    private final ConcurrentMap<String, MetricFamily> families = new ConcurrentHashMap<>();

    ProtocolMetrics(String protocol) {
        this.prefix = "tributary_" + protocol.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_") + "_";
    }

    @Override
    public Counter counter(String name, String help, Map<String, String> labels) {
        if (name == null || !name.endsWith("_total")) {
            throw new IllegalArgumentException("a counter's name ends in _total: " + name);
        }
        return family(name, help, Kind.COUNTER, List.of()).counter(LabelSet.of(labels));
    }

    @Override
    public void gauge(String name, String help, Map<String, String> labels, LongSupplier value) {
        family(name, help, Kind.GAUGE, List.of()).gauge(LabelSet.of(labels), value);
    }

    @Override
    public Histogram histogram(String name, String help, List<Double> upperBounds, Map<String, String> labels) {
        List<Double> bounds = List.copyOf(upperBounds);
        for (int i = 0; i < bounds.size(); i++) {
            if (!Double.isFinite(bounds.get(i)) || i > 0 && bounds.get(i) <= bounds.get(i - 1)) {
                throw new IllegalArgumentException("a histogram's bounds are finite and increasing: " + bounds);
            }
        }
        return family(name, help, Kind.HISTOGRAM, bounds).histogram(LabelSet.of(labels));
    }

    private MetricFamily family(String name, String help, Kind kind, List<Double> bounds) {
        if (name == null || !LabelSet.NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("not a metric name: " + name);
        }
        if (help == null || help.isBlank()) {
            throw new IllegalArgumentException(name + " needs a help text");
        }
        MetricFamily family = families.computeIfAbsent(name, n -> new MetricFamily(prefix + n, help, kind, bounds));
        family.requireSame(help, kind, bounds);
        return family;
    }

    /** Every family, sorted by name, each series labelled with {@code cluster} first. */
    void writeTo(SimpleTextOutputStream out, String cluster) {
        new TreeMap<>(families).values().forEach(family -> write(out, cluster, family));
    }

    private static void write(SimpleTextOutputStream out, String cluster, MetricFamily family) {
        out.write("# HELP ").write(family.name).write(' ').write(family.help.replace("\\", "\\\\")
                .replace("\n", "\\n")).write('\n');
        out.write("# TYPE ").write(family.name).write(' ').write(family.kind.text).write('\n');
        family.sortedSeries(labels -> labelText(cluster, labels)).forEach((labels, series) -> {
            switch (family.kind) {
                case COUNTER -> sample(out, family.name, labels, Long.toString(((Counter) series).value()));
                case GAUGE -> sample(out, family.name, labels, Long.toString(((LongSupplier) series).getAsLong()));
                case HISTOGRAM -> writeHistogram(out, family, labels, (BucketHistogram) series);
            }
        });
    }

    private static void writeHistogram(SimpleTextOutputStream out, MetricFamily family, String labels,
                                       BucketHistogram histogram) {
        long[] counts = histogram.cumulativeCounts();
        for (int i = 0; i < counts.length; i++) {
            String bound = i < family.upperBounds.size() ? family.upperBounds.get(i).toString() : "+Inf";
            sample(out, family.name + "_bucket", labels + ",le=\"" + bound + "\"", Long.toString(counts[i]));
        }
        sample(out, family.name + "_sum", labels, Double.toString(histogram.sum()));
        sample(out, family.name + "_count", labels, Long.toString(counts[counts.length - 1]));
    }

    private static void sample(SimpleTextOutputStream out, String name, String labels, String value) {
        out.write(name).write('{').write(labels).write("} ").write(value).write('\n');
    }

    private static String labelText(String cluster, LabelSet labels) {
        StringBuilder text = new StringBuilder("cluster=\"").append(escape(cluster)).append('"');
        labels.labels().forEach((name, value) -> text.append(',').append(name).append("=\"")
                .append(escape(value)).append('"'));
        return text.toString();
    }

    private static String escape(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}
