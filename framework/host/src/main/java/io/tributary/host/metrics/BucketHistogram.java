package io.tributary.host.metrics;

import io.tributary.spi.metrics.Histogram;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;

/** Counts per bucket (not cumulative; the last is {@code +Inf}) and the sum of what was observed. */
final class BucketHistogram implements Histogram {

    private final double[] upperBounds;
    private final LongAdder[] buckets;
    private final DoubleAdder sum = new DoubleAdder();

    BucketHistogram(List<Double> upperBounds) {
        this.upperBounds = upperBounds.stream().mapToDouble(Double::doubleValue).toArray();
        this.buckets = new LongAdder[this.upperBounds.length + 1];
        Arrays.setAll(buckets, i -> new LongAdder());
    }

    @Override
    public void observe(double value) {
        int bucket = Arrays.binarySearch(upperBounds, value);
        buckets[bucket >= 0 ? bucket : -bucket - 1].increment();
        sum.add(value);
    }

    /** Observations at or below each bound, then the total count as the {@code +Inf} bucket. */
    long[] cumulativeCounts() {
        long[] counts = new long[buckets.length];
        long total = 0;
        for (int i = 0; i < buckets.length; i++) {
            total += buckets[i].sum();
            counts[i] = total;
        }
        return counts;
    }

    double sum() {
        return sum.sum();
    }
}
