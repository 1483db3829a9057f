package io.tributary.spi.storage;

import java.nio.ByteBuffer;
import java.util.List;

/**
 * Receives the records of a batch one by one, without an object per record. Buffers are only valid
 * during the call; key and value may be null.
 */
@FunctionalInterface
public interface RecordVisitor {
    void record(long offset, long timestampMs, ByteBuffer key, ByteBuffer value, List<Header> headers);
}
