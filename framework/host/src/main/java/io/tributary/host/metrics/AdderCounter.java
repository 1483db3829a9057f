package io.tributary.host.metrics;

import io.tributary.spi.metrics.Counter;
import java.util.concurrent.atomic.LongAdder;

final class AdderCounter implements Counter {

    private final LongAdder count = new LongAdder();

    @Override
    public void increment() {
        count.increment();
    }

    @Override
    public void add(long delta) {
        if (delta < 0) {
            throw new IllegalArgumentException("a counter cannot go down: " + delta);
        }
        count.add(delta);
    }

    @Override
    public long value() {
        return count.sum();
    }
}
