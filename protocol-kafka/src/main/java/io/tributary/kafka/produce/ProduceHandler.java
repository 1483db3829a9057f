package io.tributary.kafka.produce;

import io.tributary.kafka.api.ApiHandler;
import io.tributary.kafka.api.Futures;
import io.tributary.kafka.api.KafkaErrors;
import io.tributary.kafka.api.RequestContext;
import io.tributary.kafka.records.KafkaRecordBatch;
import io.tributary.kafka.records.ProducedBatchValidator;
import io.tributary.kafka.topic.KafkaTopics;
import io.tributary.spi.storage.AppendResult;
import io.tributary.spi.storage.EntryFormat;
import io.tributary.spi.storage.PartitionLogs;
import io.tributary.spi.storage.Publisher;
import io.tributary.spi.topic.TopicName;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.InvalidRecordException;
import org.apache.kafka.common.message.ProduceRequestData;
import org.apache.kafka.common.message.ProduceRequestData.PartitionProduceData;
import org.apache.kafka.common.message.ProduceRequestData.TopicProduceData;
import org.apache.kafka.common.message.ProduceResponseData;
import org.apache.kafka.common.message.ProduceResponseData.PartitionProduceResponse;
import org.apache.kafka.common.message.ProduceResponseData.TopicProduceResponse;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.requests.ApiError;

/**
 * Appends each partition's batch to its log. acks=1 and acks=all both answer once the append is durable
 * (storage has a single durable copy); acks=0 gets no response. Idempotent producers are checked by the
 * log. Transactions are not supported: transactional batches are refused with
 * UNSUPPORTED_FOR_MESSAGE_FORMAT, which clients treat as fatal, rather than a retriable coordinator error.
 */
public final class ProduceHandler implements ApiHandler<ProduceRequestData, ProduceResponseData> {

    private static final short FIRST_TOPIC_ID_VERSION = 13;
    private static final String NO_TRANSACTIONS = "transactions are not supported by this broker";

    private final KafkaTopics topics;
    private final PartitionLogs logs;
    private final ProducedBatchValidator validator;
    private final EntryFormat format;
    private final AppendOrder order = new AppendOrder();

    public ProduceHandler(KafkaTopics topics, PartitionLogs logs, ProducedBatchValidator validator, EntryFormat format) {
        this.topics = topics;
        this.logs = logs;
        this.validator = validator;
        this.format = format;
    }

    @Override
    public ApiKeys apiKey() {
        return ApiKeys.PRODUCE;
    }

    @Override
    public short minVersion() {
        return 3;
    }

    @Override
    public short maxVersion() {
        return 13;
    }

    @Override
    public CompletableFuture<ProduceResponseData> handle(RequestContext context, ProduceRequestData request) {
        ApiError refusal = refusal(request);
        List<CompletableFuture<TopicProduceResponse>> answers = new ArrayList<>();
        for (TopicProduceData topic : request.topicData()) {
            answers.add(refusal != null
                    ? CompletableFuture.completedFuture(refused(topic, refusal))
                    : produce(context, topic));
        }
        CompletableFuture<ProduceResponseData> response = Futures.all(answers).thenApply(list -> {
            ProduceResponseData data = new ProduceResponseData();
            list.forEach(data.responses()::add);
            return data;
        });
        return request.acks() == 0 ? response.thenApply(ignored -> null) : response;
    }

    private static ApiError refusal(ProduceRequestData request) {
        if (request.acks() != 0 && request.acks() != 1 && request.acks() != -1) {
            return new ApiError(Errors.INVALID_REQUIRED_ACKS, "acks must be -1, 0 or 1");
        }
        if (request.transactionalId() != null) {
            return new ApiError(Errors.UNSUPPORTED_FOR_MESSAGE_FORMAT, NO_TRANSACTIONS);
        }
        return null;
    }

    private CompletableFuture<TopicProduceResponse> produce(RequestContext context, TopicProduceData topic) {
        boolean byId = context.apiVersion() >= FIRST_TOPIC_ID_VERSION;
        CompletableFuture<TopicName> name = topics.resolve(byId, topic.name(), topic.topicId());
        String topicKey = byId ? topic.topicId().toString() : topic.name();
        return Futures.all(topic.partitionData().stream()
                        .map(partition -> append(context, name, topicKey, partition)).toList())
                .thenApply(partitions -> response(topic).setPartitionResponses(partitions))
                .exceptionally(e -> refused(topic, KafkaErrors.of(e)));
    }

    private CompletableFuture<PartitionProduceResponse> append(RequestContext context,
                                                               CompletableFuture<TopicName> topic,
                                                               String topicKey, PartitionProduceData partition) {
        KafkaRecordBatch batch;
        try {
            if (!(partition.records() instanceof MemoryRecords records)) {
                throw new InvalidRecordException("no records");
            }
            batch = validator.validate(records, context.apiVersion(), context.buffer());
        } catch (RuntimeException e) {
            return CompletableFuture.completedFuture(failed(partition.index(), KafkaErrors.of(e)));
        }
        Publisher publisher = context.connection().publisher(logs, context.clientId());
        return order.inOrder(topicKey + "-" + partition.index(),
                        () -> topic.thenCompose(name -> logs.open(name, partition.index())),
                        log -> log.append(batch, format, publisher))
                .thenApply(result -> appended(partition.index(), result))
                .exceptionally(e -> failed(partition.index(), KafkaErrors.of(e)));
    }

    private static PartitionProduceResponse appended(int partition, AppendResult result) {
        return new PartitionProduceResponse()
                .setIndex(partition)
                .setBaseOffset(result.baseOffset())
                .setLogAppendTimeMs(-1L)
                .setLogStartOffset(result.logStartOffset());
    }

    private static PartitionProduceResponse failed(int partition, ApiError error) {
        return new PartitionProduceResponse()
                .setIndex(partition)
                .setErrorCode(error.error().code())
                .setErrorMessage(error.message())
                .setBaseOffset(-1L)
                .setLogAppendTimeMs(-1L)
                .setLogStartOffset(-1L);
    }

    private static TopicProduceResponse refused(TopicProduceData topic, ApiError error) {
        return response(topic).setPartitionResponses(topic.partitionData().stream()
                .map(partition -> failed(partition.index(), error)).toList());
    }

    private static TopicProduceResponse response(TopicProduceData topic) {
        return new TopicProduceResponse().setName(topic.name()).setTopicId(topic.topicId());
    }
}
