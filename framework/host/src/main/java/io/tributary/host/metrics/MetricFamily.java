package io.tributary.host.metrics;

import io.tributary.spi.metrics.Counter;
import io.tributary.spi.metrics.Histogram;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Function;
import java.util.function.LongSupplier;

/** One metric name of a module: its kind, its help text and its series by labels. */
final class MetricFamily {

    enum Kind {
        COUNTER("counter"), GAUGE("gauge"), HISTOGRAM("histogram");

        final String text;

        Kind(String text) {
            this.text = text;
        }
    }

    final String name;
    final String help;
    final Kind kind;
    final List<Double> upperBounds;
    final ConcurrentMap<LabelSet, Object> series = new ConcurrentHashMap<>();

    MetricFamily(String name, String help, Kind kind, List<Double> upperBounds) {
        this.name = name;
        this.help = help;
        this.kind = kind;
        this.upperBounds = upperBounds;
    }

    /** Fails when this name was registered as another kind, with another help text or other buckets. */
    void requireSame(String otherHelp, Kind otherKind, List<Double> otherBounds) {
        if (kind != otherKind || !help.equals(otherHelp) || !upperBounds.equals(otherBounds)) {
            throw new IllegalArgumentException(name + " is already registered as a " + kind.text
                    + " with other help or buckets");
        }
    }

    Counter counter(LabelSet labels) {
        return (Counter) series.computeIfAbsent(labels, l -> new AdderCounter());
    }

    Histogram histogram(LabelSet labels) {
        return (Histogram) series.computeIfAbsent(labels, l -> new BucketHistogram(upperBounds));
    }

    void gauge(LabelSet labels, LongSupplier value) {
        series.put(labels, value);
    }

    /** The series sorted by their labels' text, for a stable exposition. */
    Map<String, Object> sortedSeries(Function<LabelSet, String> text) {
        Map<String, Object> sorted = new TreeMap<>();
        series.forEach((labels, value) -> sorted.put(text.apply(labels), value));
        return sorted;
    }
}
