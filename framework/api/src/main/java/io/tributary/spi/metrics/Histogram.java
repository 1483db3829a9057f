package io.tributary.spi.metrics;

/** Observations counted into buckets, with their count and sum; cheap to record from any thread. */
public interface Histogram {

    void observe(double value);
}
