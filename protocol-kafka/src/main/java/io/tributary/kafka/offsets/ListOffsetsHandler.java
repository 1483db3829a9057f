package io.tributary.kafka.offsets;

import io.tributary.kafka.api.ApiHandler;
import io.tributary.kafka.api.Futures;
import io.tributary.kafka.api.KafkaErrors;
import io.tributary.kafka.api.RequestContext;
import io.tributary.kafka.topic.KafkaTopics;
import io.tributary.spi.storage.PartitionLog;
import io.tributary.spi.storage.PartitionLogs;
import io.tributary.spi.topic.TopicName;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.message.ListOffsetsRequestData;
import org.apache.kafka.common.message.ListOffsetsRequestData.ListOffsetsPartition;
import org.apache.kafka.common.message.ListOffsetsRequestData.ListOffsetsTopic;
import org.apache.kafka.common.message.ListOffsetsResponseData;
import org.apache.kafka.common.message.ListOffsetsResponseData.ListOffsetsPartitionResponse;
import org.apache.kafka.common.message.ListOffsetsResponseData.ListOffsetsTopicResponse;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.requests.ApiError;
import org.apache.kafka.common.requests.ListOffsetsRequest;

/**
 * Offsets by position (earliest, latest) or by record timestamp. Without tiered storage the earliest
 * local offset is the earliest offset, and there is no tiered offset (-1).
 */
public final class ListOffsetsHandler implements ApiHandler<ListOffsetsRequestData, ListOffsetsResponseData> {

    private final KafkaTopics topics;
    private final PartitionLogs logs;

    public ListOffsetsHandler(KafkaTopics topics, PartitionLogs logs) {
        this.topics = topics;
        this.logs = logs;
    }

    @Override
    public ApiKeys apiKey() {
        return ApiKeys.LIST_OFFSETS;
    }

    @Override
    public short minVersion() {
        return 1;
    }

    @Override
    public short maxVersion() {
        return 11;
    }

    @Override
    public CompletableFuture<ListOffsetsResponseData> handle(RequestContext context, ListOffsetsRequestData request) {
        return Futures.all(request.topics().stream().map(this::topic).toList())
                .thenApply(answers -> new ListOffsetsResponseData().setTopics(answers));
    }

    private CompletableFuture<ListOffsetsTopicResponse> topic(ListOffsetsTopic topic) {
        return Futures.all(topic.partitions().stream().map(partition -> partition(topic.name(), partition)).toList())
                .thenApply(partitions -> new ListOffsetsTopicResponse().setName(topic.name()).setPartitions(partitions));
    }

    private CompletableFuture<ListOffsetsPartitionResponse> partition(String topicName, ListOffsetsPartition partition) {
        ListOffsetsPartitionResponse response = new ListOffsetsPartitionResponse()
                .setPartitionIndex(partition.partitionIndex());
        CompletableFuture<TimestampSearch.Found> found;
        try {
            TopicName topic = topics.parse(topicName);
            found = logs.open(topic, partition.partitionIndex())
                    .thenCompose(log -> offsetFor(log, partition.timestamp()));
        } catch (RuntimeException e) {
            found = CompletableFuture.failedFuture(e);
        }
        return found
                .thenApply(result -> response.setOffset(result.offset()).setTimestamp(result.timestamp()))
                .exceptionally(e -> {
                    ApiError error = KafkaErrors.of(e);
                    return response.setErrorCode(error.error().code()).setOffset(-1L).setTimestamp(-1L);
                });
    }

    private static CompletableFuture<TimestampSearch.Found> offsetFor(PartitionLog log, long timestamp) {
        if (timestamp == ListOffsetsRequest.EARLIEST_TIMESTAMP || timestamp == ListOffsetsRequest.EARLIEST_LOCAL_TIMESTAMP) {
            return position(log.logStartOffset());
        } else if (timestamp == ListOffsetsRequest.LATEST_TIMESTAMP) {
            return position(log.logEndOffset());
        } else if (timestamp == ListOffsetsRequest.MAX_TIMESTAMP) {
            return TimestampSearch.latestTimestamp(log);
        } else if (timestamp < 0) {
            return CompletableFuture.completedFuture(TimestampSearch.Found.NONE);
        }
        return TimestampSearch.atOrAfter(log, timestamp);
    }

    private static CompletableFuture<TimestampSearch.Found> position(long offset) {
        return CompletableFuture.completedFuture(new TimestampSearch.Found(offset, -1L));
    }
}
