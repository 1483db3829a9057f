package io.tributary.kafka.fetch;

import io.tributary.kafka.records.FetchRecords;
import io.tributary.spi.storage.PartitionLog;
import org.apache.kafka.common.protocol.Errors;

/**
 * What one partition read produced.
 *
 * @param log the partition's log, null when it could not be opened
 */
record PartitionRead(PartitionFetch fetch, Errors error, String errorMessage, long highWatermark,
                     long logStartOffset, FetchRecords records, PartitionLog log) {

    static PartitionRead failed(PartitionFetch fetch, Errors error, String message) {
        return new PartitionRead(fetch, error, message, -1L, -1L, FetchRecords.EMPTY, null);
    }

    FetchKey key() {
        return fetch.key();
    }

    int bytes() {
        return records.sizeInBytes();
    }

    void release() {
        records.release();
    }

    PartitionRead withRecords(FetchRecords trimmed) {
        return new PartitionRead(fetch, error, errorMessage, highWatermark, logStartOffset, trimmed, log);
    }
}
