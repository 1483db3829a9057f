package io.tributary.kafka;

import java.util.List;
import org.apache.kafka.common.message.DeleteGroupsRequestData;
import org.apache.kafka.common.message.DescribeGroupsRequestData;
import org.apache.kafka.common.message.FindCoordinatorRequestData;
import org.apache.kafka.common.message.HeartbeatRequestData;
import org.apache.kafka.common.message.JoinGroupRequestData;
import org.apache.kafka.common.message.JoinGroupRequestData.JoinGroupRequestProtocol;
import org.apache.kafka.common.message.JoinGroupRequestData.JoinGroupRequestProtocolCollection;
import org.apache.kafka.common.message.LeaveGroupRequestData;
import org.apache.kafka.common.message.LeaveGroupRequestData.MemberIdentity;
import org.apache.kafka.common.message.ListGroupsRequestData;
import org.apache.kafka.common.message.OffsetCommitRequestData;
import org.apache.kafka.common.message.OffsetCommitRequestData.OffsetCommitRequestPartition;
import org.apache.kafka.common.message.OffsetCommitRequestData.OffsetCommitRequestTopic;
import org.apache.kafka.common.message.OffsetDeleteRequestData;
import org.apache.kafka.common.message.OffsetDeleteRequestData.OffsetDeleteRequestPartition;
import org.apache.kafka.common.message.OffsetDeleteRequestData.OffsetDeleteRequestTopic;
import org.apache.kafka.common.message.OffsetDeleteRequestData.OffsetDeleteRequestTopicCollection;
import org.apache.kafka.common.message.OffsetFetchRequestData;
import org.apache.kafka.common.message.OffsetFetchRequestData.OffsetFetchRequestGroup;
import org.apache.kafka.common.message.OffsetFetchRequestData.OffsetFetchRequestTopic;
import org.apache.kafka.common.message.OffsetFetchRequestData.OffsetFetchRequestTopics;
import org.apache.kafka.common.message.SyncGroupRequestData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.ApiMessage;

/**
 * Sample group requests: commits by version create groups "commit-vN" (with no members) that the later
 * describe, delete and offset-delete samples use; membership samples name groups nobody joined.
 */
final class GroupSampleRequests {

    private GroupSampleRequests() {
    }

    static ApiMessage of(ApiKeys apiKey, int version) {
        return switch (apiKey) {
            case FIND_COORDINATOR -> version >= 4
                    ? new FindCoordinatorRequestData().setKeyType((byte) 0).setCoordinatorKeys(List.of("g"))
                    : new FindCoordinatorRequestData().setKeyType((byte) 0).setKey("g");
            case JOIN_GROUP -> join(version);
            case SYNC_GROUP -> new SyncGroupRequestData().setGroupId("sync").setMemberId("m").setGenerationId(1);
            case HEARTBEAT -> new HeartbeatRequestData().setGroupId("heartbeat").setMemberId("m").setGenerationId(1);
            case LEAVE_GROUP -> version >= 3
                    ? new LeaveGroupRequestData().setGroupId("leave").setMembers(List.of(new MemberIdentity().setMemberId("m")))
                    : new LeaveGroupRequestData().setGroupId("leave").setMemberId("m");
            case OFFSET_COMMIT -> new OffsetCommitRequestData().setGroupId(SampleRequests.versioned("commit", version))
                    .setGenerationIdOrMemberEpoch(-1).setMemberId("")
                    .setTopics(List.of(new OffsetCommitRequestTopic().setName(SampleRequests.TOPIC)
                            .setPartitions(List.of(new OffsetCommitRequestPartition().setPartitionIndex(0)
                                    .setCommittedOffset(1).setCommittedMetadata("")))));
            case OFFSET_FETCH -> fetch(version);
            case LIST_GROUPS -> new ListGroupsRequestData();
            case DESCRIBE_GROUPS -> new DescribeGroupsRequestData().setGroups(List.of("commit-v2"));
            case DELETE_GROUPS -> new DeleteGroupsRequestData()
                    .setGroupsNames(List.of(SampleRequests.versioned("commit", version + 3)));
            case OFFSET_DELETE -> {
                OffsetDeleteRequestTopicCollection topics = new OffsetDeleteRequestTopicCollection();
                topics.add(new OffsetDeleteRequestTopic().setName(SampleRequests.TOPIC)
                        .setPartitions(List.of(new OffsetDeleteRequestPartition().setPartitionIndex(0))));
                yield new OffsetDeleteRequestData().setGroupId("commit-v2").setTopics(topics);
            }
            default -> throw new IllegalArgumentException("no sample request for " + apiKey);
        };
    }

    /** Static members since v5 join at once; a v4 dynamic member is first asked to rejoin with its id. */
    private static JoinGroupRequestData join(int version) {
        JoinGroupRequestProtocolCollection protocols = new JoinGroupRequestProtocolCollection();
        protocols.add(new JoinGroupRequestProtocol().setName("range").setMetadata(new byte[] {1}));
        return new JoinGroupRequestData().setGroupId(SampleRequests.versioned("join", version))
                .setSessionTimeoutMs(10_000).setRebalanceTimeoutMs(version >= 1 ? 10_000 : -1).setMemberId("")
                .setGroupInstanceId(version >= 5 ? "instance" : null)
                .setProtocolType("consumer").setProtocols(protocols);
    }

    private static OffsetFetchRequestData fetch(int version) {
        if (version >= 8) {
            return new OffsetFetchRequestData().setGroups(List.of(new OffsetFetchRequestGroup().setGroupId("commit-v2")
                    .setTopics(List.of(new OffsetFetchRequestTopics().setName(SampleRequests.TOPIC)
                            .setPartitionIndexes(List.of(0))))));
        }
        return new OffsetFetchRequestData().setGroupId("commit-v2").setTopics(List.of(new OffsetFetchRequestTopic()
                .setName(SampleRequests.TOPIC).setPartitionIndexes(List.of(0))));
    }
}
