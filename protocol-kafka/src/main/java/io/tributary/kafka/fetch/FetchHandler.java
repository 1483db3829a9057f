package io.tributary.kafka.fetch;

import io.netty.buffer.ByteBufAllocator;
import io.tributary.kafka.api.ApiHandler;
import io.tributary.kafka.api.DelayedTasks;
import io.tributary.kafka.api.Futures;
import io.tributary.kafka.api.RequestContext;
import io.tributary.kafka.records.FetchRecords;
import io.tributary.kafka.topic.KafkaTopics;
import io.tributary.spi.storage.PartitionLogs;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.message.FetchRequestData;
import org.apache.kafka.common.message.FetchRequestData.FetchPartition;
import org.apache.kafka.common.message.FetchRequestData.FetchTopic;
import org.apache.kafka.common.message.FetchRequestData.ForgottenTopic;
import org.apache.kafka.common.message.FetchResponseData;
import org.apache.kafka.common.message.FetchResponseData.FetchableTopicResponse;
import org.apache.kafka.common.message.FetchResponseData.PartitionData;
import org.apache.kafka.common.protocol.ApiKeys;

/**
 * Reads the partitions of a fetch (or of its session), waiting up to maxWaitMs for minBytes, and
 * answers within the request's maxBytes: whole batches only, but always the first batch of the first
 * partition that has any, so a consumer can make progress past a batch larger than its limits.
 */
public final class FetchHandler implements ApiHandler<FetchRequestData, FetchResponseData> {

    private static final short FIRST_TOPIC_ID_VERSION = 13;

    private final KafkaTopics topics;
    private final PartitionReader reader;
    private final FetchSessionCache sessions;
    private final DelayedFetch delayed;

    public FetchHandler(KafkaTopics topics, PartitionLogs logs, FetchSessionCache sessions, DelayedTasks tasks,
                        ByteBufAllocator alloc) {
        this.topics = topics;
        this.reader = new PartitionReader(logs, alloc);
        this.sessions = sessions;
        this.delayed = new DelayedFetch(tasks);
    }

    @Override
    public ApiKeys apiKey() {
        return ApiKeys.FETCH;
    }

    @Override
    public short minVersion() {
        return 4;
    }

    @Override
    public short maxVersion() {
        return 18;
    }

    @Override
    public CompletableFuture<FetchResponseData> handle(RequestContext context, FetchRequestData request) {
        short version = context.apiVersion();
        boolean byId = version >= FIRST_TOPIC_ID_VERSION;
        FetchPlan plan = FetchPlan.of(version, request.sessionId(), request.sessionEpoch(),
                requested(request, byId), forgotten(request, byId), sessions);
        if (plan instanceof FetchPlan.Failed failed) {
            return CompletableFuture.completedFuture(new FetchResponseData().setErrorCode(failed.error().code()));
        }
        CompletableFuture<List<PartitionRead>> reads =
                delayed.run(() -> readAll(plan.partitions(), byId), request.minBytes(), request.maxWaitMs());
        CompletableFuture<FetchResponseData> response = new CompletableFuture<>();
        reads.whenComplete((done, failure) -> {
            if (failure != null) {
                response.completeExceptionally(failure);
                return;
            }
            FetchResponseData built;
            try {
                built = response(version, plan.answer(withinRequestLimit(done, request.maxBytes())));
            } catch (RuntimeException e) {
                done.forEach(PartitionRead::release);
                response.completeExceptionally(e);
                return;
            }
            if (!response.complete(built)) {
                FetchRecords.releaseIn(built);
            }
        });
        response.whenComplete((ignored, failure) -> {
            if (response.isCancelled()) {
                reads.cancel(false);
            }
        });
        return response;
    }

    private static List<PartitionFetch> requested(FetchRequestData request, boolean byId) {
        List<PartitionFetch> fetches = new ArrayList<>();
        for (FetchTopic topic : request.topics()) {
            for (FetchPartition partition : topic.partitions()) {
                fetches.add(new PartitionFetch(key(byId, topic.topic(), topic.topicId(), partition.partition()),
                        partition.fetchOffset(), partition.partitionMaxBytes()));
            }
        }
        return fetches;
    }

    private static List<FetchKey> forgotten(FetchRequestData request, boolean byId) {
        List<FetchKey> keys = new ArrayList<>();
        for (ForgottenTopic topic : request.forgottenTopicsData()) {
            topic.partitions().forEach(partition -> keys.add(key(byId, topic.topic(), topic.topicId(), partition)));
        }
        return keys;
    }

    private static FetchKey key(boolean byId, String name, org.apache.kafka.common.Uuid id, int partition) {
        return byId ? new FetchKey(null, id, partition) : new FetchKey(name, null, partition);
    }

    private CompletableFuture<List<PartitionRead>> readAll(List<PartitionFetch> fetches, boolean byId) {
        return Futures.all(fetches.stream()
                .map(fetch -> topics.resolve(byId, fetch.key().topicName(), fetch.key().topicId())
                        .thenCompose(topic -> reader.read(topic, fetch))
                        .exceptionally(e -> PartitionReader.failed(fetch, e)))
                .toList());
    }

    private static List<PartitionRead> withinRequestLimit(List<PartitionRead> reads, int maxBytes) {
        List<PartitionRead> limited = new ArrayList<>(reads.size());
        int remaining = maxBytes;
        boolean first = true;
        for (PartitionRead read : reads) {
            if (read.bytes() == 0) {
                limited.add(read);
                continue;
            }
            PartitionRead kept = read.withRecords(read.records().truncate(Math.max(0, remaining), first));
            first = false;
            remaining -= kept.bytes();
            limited.add(kept);
        }
        return limited;
    }

    private static FetchResponseData response(short version, FetchPlan.Answer answer) {
        FetchResponseData response = new FetchResponseData();
        if (version >= FetchPlan.FIRST_SESSION_VERSION) {
            response.setSessionId(answer.sessionId());
        }
        Map<FetchKey, FetchableTopicResponse> byTopic = new LinkedHashMap<>();
        for (PartitionRead read : answer.partitions()) {
            FetchKey key = read.key();
            FetchableTopicResponse topic = byTopic.computeIfAbsent(key.topic(), k -> {
                FetchableTopicResponse created = new FetchableTopicResponse();
                if (k.topicName() != null) {
                    created.setTopic(k.topicName());
                }
                if (k.topicId() != null) {
                    created.setTopicId(k.topicId());
                }
                return created;
            });
            topic.partitions().add(new PartitionData()
                    .setPartitionIndex(key.partition())
                    .setErrorCode(read.error().code())
                    .setHighWatermark(read.highWatermark())
                    .setLastStableOffset(read.highWatermark())
                    .setLogStartOffset(read.logStartOffset())
                    .setRecords(read.records()));
        }
        byTopic.values().forEach(response.responses()::add);
        return response;
    }
}
