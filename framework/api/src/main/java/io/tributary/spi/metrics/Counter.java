package io.tributary.spi.metrics;

/** A count that only goes up; cheap to raise from any thread. */
public interface Counter {

    void increment();

    /** Adds {@code delta}, which is not negative. */
    void add(long delta);

    long value();
}
