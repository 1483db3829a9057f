package io.tributary.kafka.group;

import io.tributary.kafka.api.ApiHandler;
import io.tributary.kafka.api.RequestContext;
import io.tributary.kafka.topic.KafkaTopics;
import io.tributary.spi.coordination.GroupCoordinator;
import io.tributary.spi.coordination.GroupDescription;
import io.tributary.spi.coordination.GroupError;
import io.tributary.spi.coordination.OffsetDeleteResult;
import io.tributary.spi.coordination.PartitionId;
import io.tributary.spi.topic.TopicName;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.consumer.internals.ConsumerProtocol;
import org.apache.kafka.common.message.OffsetDeleteRequestData;
import org.apache.kafka.common.message.OffsetDeleteRequestData.OffsetDeleteRequestPartition;
import org.apache.kafka.common.message.OffsetDeleteRequestData.OffsetDeleteRequestTopic;
import org.apache.kafka.common.message.OffsetDeleteResponseData;
import org.apache.kafka.common.message.OffsetDeleteResponseData.OffsetDeleteResponsePartition;
import org.apache.kafka.common.message.OffsetDeleteResponseData.OffsetDeleteResponseTopic;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;

/**
 * OffsetDelete: removes committed offsets of topics the group's consumers do not subscribe to; offsets
 * of subscribed topics answer GROUP_SUBSCRIBED_TO_TOPIC.
 */
public final class OffsetDeleteHandler implements ApiHandler<OffsetDeleteRequestData, OffsetDeleteResponseData> {

    private static final String CONSUMER = "consumer";

    private final GroupCoordinator groups;
    private final KafkaTopics topics;

    public OffsetDeleteHandler(GroupCoordinator groups, KafkaTopics topics) {
        this.groups = groups;
        this.topics = topics;
    }

    @Override
    public ApiKeys apiKey() {
        return ApiKeys.OFFSET_DELETE;
    }

    @Override
    public short minVersion() {
        return 0;
    }

    @Override
    public short maxVersion() {
        return 0;
    }

    @Override
    public CompletableFuture<OffsetDeleteResponseData> handle(RequestContext context, OffsetDeleteRequestData request) {
        return groups.describeGroup(request.groupId()).thenCompose(group -> {
            Set<String> subscribed = subscribedTopics(group);
            List<PartitionId> deletable = new ArrayList<>();
            for (OffsetDeleteRequestTopic topic : request.topics()) {
                if (!subscribed.contains(topic.name())) {
                    TopicName name = topics.parse(topic.name());
                    topic.partitions().forEach(p -> deletable.add(new PartitionId(name, p.partitionIndex())));
                }
            }
            return groups.deleteOffsets(request.groupId(), deletable)
                    .thenApply(result -> response(request, subscribed, result));
        }).exceptionally(e -> new OffsetDeleteResponseData().setErrorCode(GroupErrors.of(e).code()));
    }

    private OffsetDeleteResponseData response(OffsetDeleteRequestData request, Set<String> subscribed,
                                              OffsetDeleteResult result) {
        OffsetDeleteResponseData response = new OffsetDeleteResponseData()
                .setErrorCode(GroupErrors.of(result.error()).code());
        if (result.error() != GroupError.NONE) {
            return response;
        }
        for (OffsetDeleteRequestTopic topic : request.topics()) {
            OffsetDeleteResponseTopic answer = new OffsetDeleteResponseTopic().setName(topic.name());
            for (OffsetDeleteRequestPartition p : topic.partitions()) {
                Errors error = subscribed.contains(topic.name()) ? Errors.GROUP_SUBSCRIBED_TO_TOPIC
                        : GroupErrors.of(result.partitions().getOrDefault(
                                new PartitionId(topics.parse(topic.name()), p.partitionIndex()), GroupError.NONE));
                answer.partitions().add(new OffsetDeleteResponsePartition()
                        .setPartitionIndex(p.partitionIndex()).setErrorCode(error.code()));
            }
            response.topics().add(answer);
        }
        return response;
    }

    private static Set<String> subscribedTopics(GroupDescription group) {
        Set<String> subscribed = new HashSet<>();
        if (!CONSUMER.equals(group.protocolType())) {
            return subscribed;
        }
        for (GroupDescription.Member member : group.members()) {
            if (member.metadata().length > 0) {
                subscribed.addAll(ConsumerProtocol.deserializeSubscription(ByteBuffer.wrap(member.metadata())).topics());
            }
        }
        return subscribed;
    }
}
