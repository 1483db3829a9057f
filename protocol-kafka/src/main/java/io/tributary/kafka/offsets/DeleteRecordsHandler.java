package io.tributary.kafka.offsets;

import io.tributary.kafka.api.ApiHandler;
import io.tributary.kafka.api.Futures;
import io.tributary.kafka.api.KafkaErrors;
import io.tributary.kafka.api.RequestContext;
import io.tributary.kafka.topic.KafkaTopics;
import io.tributary.spi.storage.PartitionLog;
import io.tributary.spi.storage.PartitionLogs;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.errors.OffsetOutOfRangeException;
import org.apache.kafka.common.message.DeleteRecordsRequestData;
import org.apache.kafka.common.message.DeleteRecordsRequestData.DeleteRecordsPartition;
import org.apache.kafka.common.message.DeleteRecordsRequestData.DeleteRecordsTopic;
import org.apache.kafka.common.message.DeleteRecordsResponseData;
import org.apache.kafka.common.message.DeleteRecordsResponseData.DeleteRecordsPartitionResult;
import org.apache.kafka.common.message.DeleteRecordsResponseData.DeleteRecordsTopicResult;
import org.apache.kafka.common.protocol.ApiKeys;

/** Moves partitions' log start forward; offset -1 means the high watermark, as in Kafka. */
public final class DeleteRecordsHandler implements ApiHandler<DeleteRecordsRequestData, DeleteRecordsResponseData> {

    private static final long HIGH_WATERMARK = -1L;

    private final KafkaTopics topics;
    private final PartitionLogs logs;

    public DeleteRecordsHandler(KafkaTopics topics, PartitionLogs logs) {
        this.topics = topics;
        this.logs = logs;
    }

    @Override
    public ApiKeys apiKey() {
        return ApiKeys.DELETE_RECORDS;
    }

    @Override
    public short minVersion() {
        return 0;
    }

    @Override
    public short maxVersion() {
        return 2;
    }

    @Override
    public CompletableFuture<DeleteRecordsResponseData> handle(RequestContext context, DeleteRecordsRequestData request) {
        return Futures.all(request.topics().stream().map(this::topic).toList()).thenApply(answers -> {
            DeleteRecordsResponseData response = new DeleteRecordsResponseData();
            answers.forEach(response.topics()::add);
            return response;
        });
    }

    private CompletableFuture<DeleteRecordsTopicResult> topic(DeleteRecordsTopic topic) {
        return Futures.all(topic.partitions().stream().map(partition -> partition(topic.name(), partition)).toList())
                .thenApply(partitions -> {
                    DeleteRecordsTopicResult result = new DeleteRecordsTopicResult().setName(topic.name());
                    partitions.forEach(result.partitions()::add);
                    return result;
                });
    }

    private CompletableFuture<DeleteRecordsPartitionResult> partition(String topicName, DeleteRecordsPartition partition) {
        DeleteRecordsPartitionResult result = new DeleteRecordsPartitionResult()
                .setPartitionIndex(partition.partitionIndex());
        CompletableFuture<Long> lowWatermark;
        try {
            lowWatermark = logs.open(topics.parse(topicName), partition.partitionIndex())
                    .thenCompose(log -> deleteBefore(log, partition.offset()));
        } catch (RuntimeException e) {
            lowWatermark = CompletableFuture.failedFuture(e);
        }
        return lowWatermark
                .thenApply(result::setLowWatermark)
                .exceptionally(e -> result.setLowWatermark(-1L).setErrorCode(KafkaErrors.forException(e).code()));
    }

    private static CompletableFuture<Long> deleteBefore(PartitionLog log, long requested) {
        long end = log.logEndOffset();
        long offset = requested == HIGH_WATERMARK ? end : requested;
        if (offset < 0 || offset > end) {
            return CompletableFuture.failedFuture(new OffsetOutOfRangeException(
                    "offset " + requested + " is outside the log [" + log.logStartOffset() + ", " + end + "]"));
        }
        if (offset <= log.logStartOffset()) {
            return CompletableFuture.completedFuture(log.logStartOffset());
        }
        return log.deleteRecordsBefore(offset);
    }
}
