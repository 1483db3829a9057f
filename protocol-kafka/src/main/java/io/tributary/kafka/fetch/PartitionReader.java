package io.tributary.kafka.fetch;

import io.netty.buffer.ByteBufAllocator;
import io.tributary.kafka.api.KafkaErrors;
import io.tributary.kafka.records.FetchRecords;
import io.tributary.kafka.records.FetchRecordsWriter;
import io.tributary.kafka.records.KafkaRecordBatch;
import io.tributary.spi.storage.PartitionLog;
import io.tributary.spi.storage.PartitionLogs;
import io.tributary.spi.storage.ReadResult;
import io.tributary.spi.topic.TopicName;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.ApiError;

/** Reads one partition into Kafka records, in buffers from {@code alloc}; every failure becomes a partition error. */
final class PartitionReader {

    private final PartitionLogs logs;
    private final ByteBufAllocator alloc;

    PartitionReader(PartitionLogs logs, ByteBufAllocator alloc) {
        this.logs = logs;
        this.alloc = alloc;
    }

    CompletableFuture<PartitionRead> read(TopicName topic, PartitionFetch fetch) {
        return logs.open(topic, fetch.key().partition())
                .thenCompose(log -> log.read(fetch.fetchOffset(), fetch.maxBytes(), KafkaRecordBatch.RAW_FORMAT)
                        .thenApply(result -> toRead(fetch, log, result, alloc)))
                .exceptionally(e -> failed(fetch, e));
    }

    static PartitionRead failed(PartitionFetch fetch, Throwable e) {
        ApiError error = KafkaErrors.of(e);
        return PartitionRead.failed(fetch, error.error(), error.message());
    }

    private static PartitionRead toRead(PartitionFetch fetch, PartitionLog log, ReadResult result,
                                        ByteBufAllocator alloc) {
        try (result) {
            FetchRecords records = result.batches().isEmpty()
                    ? FetchRecords.EMPTY
                    : FetchRecordsWriter.write(result.batches(), fetch.maxBytes(), alloc);
            return new PartitionRead(fetch, Errors.NONE, null, result.logEndOffset(), result.logStartOffset(),
                    records, log);
        }
    }
}
