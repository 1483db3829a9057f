package io.tributary.spi.storage;

import java.util.List;

/** Batches read from a partition log, with the log's bounds at the time of the read. Close it. */
public interface ReadResult extends AutoCloseable {

    List<StoredBatch> batches();

    long logStartOffset();

    long logEndOffset();

    @Override
    void close();
}
