package io.tributary.kafka.fakes;

import io.tributary.spi.metrics.Counter;
import io.tributary.spi.metrics.Histogram;
import io.tributary.spi.metrics.ModuleMetrics;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/** Metrics kept in memory, read back by name and labels. */
public final class FakeModuleMetrics implements ModuleMetrics {

    private record Key(String name, Map<String, String> labels) {
    }

    private final Map<Key, AtomicLong> counters = new ConcurrentHashMap<>();
    private final Map<Key, LongSupplier> gauges = new ConcurrentHashMap<>();
    private final Map<Key, List<Double>> observations = new ConcurrentHashMap<>();

    @Override
    public Counter counter(String name, String help, Map<String, String> labels) {
        AtomicLong count = counters.computeIfAbsent(new Key(name, Map.copyOf(labels)), k -> new AtomicLong());
        return new Counter() {
            @Override
            public void increment() {
                count.incrementAndGet();
            }

            @Override
            public void add(long delta) {
                count.addAndGet(delta);
            }

            @Override
            public long value() {
                return count.get();
            }
        };
    }

    @Override
    public void gauge(String name, String help, Map<String, String> labels, LongSupplier value) {
        gauges.put(new Key(name, Map.copyOf(labels)), value);
    }

    @Override
    public Histogram histogram(String name, String help, List<Double> upperBounds, Map<String, String> labels) {
        List<Double> values = observations.computeIfAbsent(new Key(name, Map.copyOf(labels)),
                k -> new java.util.concurrent.CopyOnWriteArrayList<>());
        return values::add;
    }

    /** The counter's value, 0 if it was never registered. */
    public long counterValue(String name, Map<String, String> labels) {
        AtomicLong count = counters.get(new Key(name, Map.copyOf(labels)));
        return count == null ? 0 : count.get();
    }

    public long gaugeValue(String name, Map<String, String> labels) {
        return gauges.get(new Key(name, Map.copyOf(labels))).getAsLong();
    }

    public List<Double> observed(String name, Map<String, String> labels) {
        return observations.getOrDefault(new Key(name, Map.copyOf(labels)), List.of());
    }
}
