package io.tributary.kafka.group;

import io.tributary.kafka.topic.KafkaTopics;
import io.tributary.spi.coordination.CommittedOffset;
import io.tributary.spi.coordination.GroupCoordinator;
import io.tributary.spi.coordination.GroupOffsets;
import io.tributary.spi.coordination.PartitionId;
import io.tributary.spi.topic.TopicName;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.message.OffsetFetchRequestData.OffsetFetchRequestGroup;
import org.apache.kafka.common.message.OffsetFetchRequestData.OffsetFetchRequestTopics;
import org.apache.kafka.common.message.OffsetFetchResponseData.OffsetFetchResponseGroup;
import org.apache.kafka.common.message.OffsetFetchResponseData.OffsetFetchResponsePartitions;
import org.apache.kafka.common.message.OffsetFetchResponseData.OffsetFetchResponseTopics;
import org.apache.kafka.common.protocol.Errors;

/** Reads one group's committed offsets in Kafka's terms: the asked partitions, or all of them. */
public final class GroupOffsetsReader {

    private static final long NO_OFFSET = -1L;

    private final KafkaTopics topics;

    public GroupOffsetsReader(KafkaTopics topics) {
        this.topics = topics;
    }

    CompletableFuture<OffsetFetchResponseGroup> read(GroupCoordinator groups, OffsetFetchRequestGroup group) {
        Map<String, List<Integer>> asked = new LinkedHashMap<>();
        List<PartitionId> partitions = null;
        Map<String, Errors> badTopics = new LinkedHashMap<>();
        if (group.topics() != null) {
            partitions = new ArrayList<>();
            for (OffsetFetchRequestTopics topic : group.topics()) {
                asked.put(topic.name(), topic.partitionIndexes());
                try {
                    TopicName name = topics.parse(topic.name());
                    for (int p : topic.partitionIndexes()) {
                        partitions.add(new PartitionId(name, p));
                    }
                } catch (RuntimeException e) {
                    badTopics.put(topic.name(), Errors.UNKNOWN_TOPIC_OR_PARTITION);
                }
            }
        }
        boolean all = partitions == null;
        return groups.fetchOffsets(group.groupId(), partitions).thenApply(found ->
                answer(group.groupId(), all ? committedTopics(found) : asked, found, badTopics));
    }

    private Map<String, List<Integer>> committedTopics(GroupOffsets found) {
        Map<String, List<Integer>> byTopic = new TreeMap<>();
        found.offsets().keySet().stream()
                .sorted(Comparator.comparingInt(PartitionId::partition))
                .forEach(p -> byTopic.computeIfAbsent(topics.kafkaName(p.topic()), t -> new ArrayList<>())
                        .add(p.partition()));
        return byTopic;
    }

    private OffsetFetchResponseGroup answer(String groupId, Map<String, List<Integer>> asked, GroupOffsets found,
                                            Map<String, Errors> badTopics) {
        OffsetFetchResponseGroup response = new OffsetFetchResponseGroup().setGroupId(groupId)
                .setErrorCode(GroupErrors.of(found.error()).code());
        asked.forEach((topic, partitionIndexes) -> {
            OffsetFetchResponseTopics answer = new OffsetFetchResponseTopics().setName(topic);
            Errors bad = badTopics.get(topic);
            for (int partition : partitionIndexes) {
                CommittedOffset offset = bad != null ? null
                        : found.offsets().get(new PartitionId(topics.parse(topic), partition));
                answer.partitions().add(new OffsetFetchResponsePartitions()
                        .setPartitionIndex(partition)
                        .setCommittedOffset(offset == null ? NO_OFFSET : offset.offset())
                        .setCommittedLeaderEpoch(offset == null ? -1 : offset.leaderEpoch())
                        .setMetadata(offset == null ? "" : offset.metadata())
                        .setErrorCode(bad == null ? Errors.NONE.code() : bad.code()));
            }
            response.topics().add(answer);
        });
        return response;
    }
}
