package io.tributary.kafka.group;

import io.tributary.kafka.api.ApiHandler;
import io.tributary.kafka.api.KafkaErrors;
import io.tributary.kafka.api.RequestContext;
import io.tributary.kafka.topic.KafkaTopics;
import io.tributary.spi.coordination.CommittedOffset;
import io.tributary.spi.coordination.GroupCoordinator;
import io.tributary.spi.coordination.GroupError;
import io.tributary.spi.coordination.OffsetCommitRequest;
import io.tributary.spi.coordination.PartitionId;
import io.tributary.spi.topic.TopicName;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.message.OffsetCommitRequestData;
import org.apache.kafka.common.message.OffsetCommitRequestData.OffsetCommitRequestPartition;
import org.apache.kafka.common.message.OffsetCommitRequestData.OffsetCommitRequestTopic;
import org.apache.kafka.common.message.OffsetCommitResponseData;
import org.apache.kafka.common.message.OffsetCommitResponseData.OffsetCommitResponsePartition;
import org.apache.kafka.common.message.OffsetCommitResponseData.OffsetCommitResponseTopic;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;

/** OffsetCommit: commits durably, answering per partition. */
public final class OffsetCommitHandler implements ApiHandler<OffsetCommitRequestData, OffsetCommitResponseData> {

    private final GroupCoordinator groups;
    private final KafkaTopics topics;

    public OffsetCommitHandler(GroupCoordinator groups, KafkaTopics topics) {
        this.groups = groups;
        this.topics = topics;
    }

    @Override
    public ApiKeys apiKey() {
        return ApiKeys.OFFSET_COMMIT;
    }

    @Override
    public short minVersion() {
        return 2;
    }

    @Override
    public short maxVersion() {
        return 9;
    }

    @Override
    public CompletableFuture<OffsetCommitResponseData> handle(RequestContext context, OffsetCommitRequestData request) {
        Map<PartitionId, CommittedOffset> offsets = new HashMap<>();
        Map<String, Errors> badTopics = new HashMap<>();
        for (OffsetCommitRequestTopic topic : request.topics()) {
            TopicName name;
            try {
                name = topics.parse(topic.name());
            } catch (RuntimeException e) {
                badTopics.put(topic.name(), KafkaErrors.forException(e));
                continue;
            }
            for (OffsetCommitRequestPartition p : topic.partitions()) {
                offsets.put(new PartitionId(name, p.partitionIndex()), new CommittedOffset(p.committedOffset(),
                        p.committedLeaderEpoch(), p.committedMetadata(), 0L));
            }
        }
        OffsetCommitRequest commit = new OffsetCommitRequest(request.groupId(), request.memberId(),
                request.groupInstanceId(), request.generationIdOrMemberEpoch(), offsets);
        CompletableFuture<Map<PartitionId, GroupError>> committed = offsets.isEmpty()
                ? CompletableFuture.completedFuture(Map.of()) : groups.commitOffsets(commit);
        return committed
                .thenApply(errors -> response(request, badTopics, (name, partition) ->
                        GroupErrors.of(errors.getOrDefault(new PartitionId(name, partition), GroupError.NONE))))
                .exceptionally(e -> {
                    Errors error = GroupErrors.of(e);
                    return response(request, badTopics, (name, partition) -> error);
                });
    }

    private interface PartitionError {
        Errors of(TopicName topic, int partition);
    }

    private OffsetCommitResponseData response(OffsetCommitRequestData request, Map<String, Errors> badTopics,
                                              PartitionError errors) {
        OffsetCommitResponseData response = new OffsetCommitResponseData();
        for (OffsetCommitRequestTopic topic : request.topics()) {
            OffsetCommitResponseTopic answer = new OffsetCommitResponseTopic().setName(topic.name());
            Errors bad = badTopics.get(topic.name());
            for (OffsetCommitRequestPartition p : topic.partitions()) {
                Errors error = bad != null ? bad : errors.of(topics.parse(topic.name()), p.partitionIndex());
                answer.partitions().add(new OffsetCommitResponsePartition()
                        .setPartitionIndex(p.partitionIndex()).setErrorCode(error.code()));
            }
            response.topics().add(answer);
        }
        return response;
    }
}
