package io.tributary.kafka.group;

import io.tributary.kafka.api.ApiHandler;
import io.tributary.kafka.api.Futures;
import io.tributary.kafka.api.RequestContext;
import io.tributary.spi.coordination.GroupCoordinator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.message.OffsetFetchRequestData;
import org.apache.kafka.common.message.OffsetFetchRequestData.OffsetFetchRequestGroup;
import org.apache.kafka.common.message.OffsetFetchRequestData.OffsetFetchRequestTopics;
import org.apache.kafka.common.message.OffsetFetchResponseData;
import org.apache.kafka.common.message.OffsetFetchResponseData.OffsetFetchResponseGroup;
import org.apache.kafka.common.message.OffsetFetchResponseData.OffsetFetchResponsePartition;
import org.apache.kafka.common.message.OffsetFetchResponseData.OffsetFetchResponseTopic;
import org.apache.kafka.common.protocol.ApiKeys;

/**
 * OffsetFetch: the committed offsets of the asked partitions (-1 where none), or of all partitions.
 * Before v8 one group per request, answered in the top-level fields; since v8 several groups.
 */
public final class OffsetFetchHandler implements ApiHandler<OffsetFetchRequestData, OffsetFetchResponseData> {

    private static final short FIRST_MULTI_GROUP_VERSION = 8;

    private final GroupCoordinator groups;
    private final GroupOffsetsReader reader;

    public OffsetFetchHandler(GroupCoordinator groups, GroupOffsetsReader reader) {
        this.groups = groups;
        this.reader = reader;
    }

    @Override
    public ApiKeys apiKey() {
        return ApiKeys.OFFSET_FETCH;
    }

    @Override
    public short minVersion() {
        return 1;
    }

    @Override
    public short maxVersion() {
        return 9;
    }

    @Override
    public CompletableFuture<OffsetFetchResponseData> handle(RequestContext context, OffsetFetchRequestData request) {
        if (context.apiVersion() >= FIRST_MULTI_GROUP_VERSION) {
            return Futures.all(request.groups().stream().map(this::fetch).toList())
                    .thenApply(answers -> new OffsetFetchResponseData().setGroups(answers));
        }
        List<OffsetFetchRequestData.OffsetFetchRequestTopics> asked = request.topics() == null ? null
                : request.topics().stream().map(t -> new OffsetFetchRequestTopics()
                        .setName(t.name()).setPartitionIndexes(t.partitionIndexes())).toList();
        return fetch(new OffsetFetchRequestGroup().setGroupId(request.groupId()).setTopics(asked))
                .thenApply(group -> {
                    OffsetFetchResponseData response = new OffsetFetchResponseData().setErrorCode(group.errorCode());
                    for (OffsetFetchResponseData.OffsetFetchResponseTopics topic : group.topics()) {
                        OffsetFetchResponseTopic answer = new OffsetFetchResponseTopic().setName(topic.name());
                        topic.partitions().forEach(p -> answer.partitions().add(new OffsetFetchResponsePartition()
                                .setPartitionIndex(p.partitionIndex())
                                .setCommittedOffset(p.committedOffset())
                                .setCommittedLeaderEpoch(p.committedLeaderEpoch())
                                .setMetadata(p.metadata())
                                .setErrorCode(p.errorCode())));
                        response.topics().add(answer);
                    }
                    return response;
                });
    }

    private CompletableFuture<OffsetFetchResponseGroup> fetch(OffsetFetchRequestGroup group) {
        return reader.read(groups, group)
                .exceptionally(e -> new OffsetFetchResponseGroup().setGroupId(group.groupId())
                        .setErrorCode(GroupErrors.of(e).code()));
    }
}
