package io.tributary.it;

/** {@link BufferLeaksIT} for the compatibility suite's JVM. */
public class CompatBufferLeaksIT extends BufferLeaksIT {
}
