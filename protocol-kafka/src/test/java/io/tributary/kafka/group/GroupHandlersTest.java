package io.tributary.kafka.group;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;

import io.tributary.kafka.KafkaFixture;
import io.tributary.kafka.api.BrokerNode;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.message.DeleteGroupsRequestData;
import org.apache.kafka.common.message.DescribeGroupsRequestData;
import org.apache.kafka.common.message.DescribeGroupsResponseData.DescribedGroup;
import org.apache.kafka.common.message.FindCoordinatorRequestData;
import org.apache.kafka.common.message.FindCoordinatorResponseData;
import org.apache.kafka.common.message.HeartbeatRequestData;
import org.apache.kafka.common.message.JoinGroupRequestData;
import org.apache.kafka.common.message.JoinGroupRequestData.JoinGroupRequestProtocol;
import org.apache.kafka.common.message.JoinGroupRequestData.JoinGroupRequestProtocolCollection;
import org.apache.kafka.common.message.JoinGroupResponseData;
import org.apache.kafka.common.message.LeaveGroupRequestData;
import org.apache.kafka.common.message.LeaveGroupRequestData.MemberIdentity;
import org.apache.kafka.common.message.ListGroupsRequestData;
import org.apache.kafka.common.message.OffsetCommitRequestData;
import org.apache.kafka.common.message.OffsetCommitRequestData.OffsetCommitRequestPartition;
import org.apache.kafka.common.message.OffsetCommitRequestData.OffsetCommitRequestTopic;
import org.apache.kafka.common.message.OffsetFetchRequestData;
import org.apache.kafka.common.message.OffsetFetchRequestData.OffsetFetchRequestGroup;
import org.apache.kafka.common.message.OffsetFetchRequestData.OffsetFetchRequestTopics;
import org.apache.kafka.common.message.OffsetFetchResponseData.OffsetFetchResponsePartitions;
import org.apache.kafka.common.message.SyncGroupRequestData;
import org.apache.kafka.common.message.SyncGroupRequestData.SyncGroupRequestAssignment;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.testng.annotations.AfterMethod;
import org.testng.annotations.BeforeMethod;
import org.testng.annotations.Test;

/** The group handlers over the real coordinator logic with an in-memory log. */
public class GroupHandlersTest {

    private KafkaFixture fixture;

    @BeforeMethod
    public void setUp() {
        fixture = new KafkaFixture();
        fixture.createTopic("t", 2);
    }

    @AfterMethod(alwaysRun = true)
    public void tearDown() {
        fixture.close();
    }

    private static <T> T get(java.util.concurrent.CompletableFuture<T> future) throws Exception {
        return future.get(10, TimeUnit.SECONDS);
    }

    @Test
    public void findCoordinatorAnswersThisBrokerForGroupsOnly() throws Exception {
        FindCoordinatorHandler handler = new FindCoordinatorHandler(fixture.context.groups(), fixture.context.topics());
        FindCoordinatorResponseData batched = get(handler.handle(fixture.request(ApiKeys.FIND_COORDINATOR, 4),
                new FindCoordinatorRequestData().setKeyType((byte) 0).setCoordinatorKeys(List.of("a", "b"))));
        assertEquals(batched.coordinators().size(), 2);
        batched.coordinators().forEach(c -> {
            assertEquals(c.errorCode(), Errors.NONE.code());
            assertEquals(c.nodeId(), BrokerNode.of(KafkaFixture.ENDPOINT).id());
        });
        FindCoordinatorResponseData transaction = get(handler.handle(fixture.request(ApiKeys.FIND_COORDINATOR, 3),
                new FindCoordinatorRequestData().setKeyType((byte) 1).setKey("tx")));
        assertEquals(transaction.errorCode(), Errors.COORDINATOR_NOT_AVAILABLE.code());
    }

    @Test
    public void memberJoinsSyncsCommitsFetchesAndLeaves() throws Exception {
        var groups = fixture.context.groups();
        JoinGroupHandler join = new JoinGroupHandler(groups);
        JoinGroupResponseData required = get(join.handle(fixture.request(ApiKeys.JOIN_GROUP, 9), joinRequest("")));
        assertEquals(required.errorCode(), Errors.MEMBER_ID_REQUIRED.code());
        JoinGroupResponseData joined = get(join.handle(fixture.request(ApiKeys.JOIN_GROUP, 9),
                joinRequest(required.memberId())));
        assertEquals(joined.errorCode(), Errors.NONE.code());
        assertEquals(joined.leader(), joined.memberId());
        String member = joined.memberId();

        var synced = get(new SyncGroupHandler(groups).handle(fixture.request(ApiKeys.SYNC_GROUP, 5),
                new SyncGroupRequestData().setGroupId("g").setMemberId(member).setGenerationId(joined.generationId())
                        .setProtocolType("consumer").setProtocolName("range")
                        .setAssignments(List.of(new SyncGroupRequestAssignment().setMemberId(member)
                                .setAssignment(new byte[] {7})))));
        assertEquals(synced.assignment(), new byte[] {7});
        assertEquals(get(new HeartbeatHandler(groups).handle(fixture.request(ApiKeys.HEARTBEAT, 4),
                new HeartbeatRequestData().setGroupId("g").setMemberId(member).setGenerationId(99))).errorCode(),
                Errors.ILLEGAL_GENERATION.code());

        var committed = get(new OffsetCommitHandler(groups, fixture.topics).handle(fixture.request(ApiKeys.OFFSET_COMMIT, 9),
                new OffsetCommitRequestData().setGroupId("g").setMemberId(member)
                        .setGenerationIdOrMemberEpoch(joined.generationId())
                        .setTopics(List.of(new OffsetCommitRequestTopic().setName("t").setPartitions(List.of(
                                new OffsetCommitRequestPartition().setPartitionIndex(1).setCommittedOffset(42)
                                        .setCommittedMetadata("m")))))));
        assertEquals(committed.topics().get(0).partitions().get(0).errorCode(), Errors.NONE.code());

        var fetched = get(new OffsetFetchHandler(groups, new GroupOffsetsReader(fixture.topics))
                .handle(fixture.request(ApiKeys.OFFSET_FETCH, 8), new OffsetFetchRequestData().setGroups(List.of(
                        new OffsetFetchRequestGroup().setGroupId("g").setTopics(List.of(new OffsetFetchRequestTopics()
                                .setName("t").setPartitionIndexes(List.of(0, 1)))),
                        new OffsetFetchRequestGroup().setGroupId("g").setTopics(null)))));
        List<OffsetFetchResponsePartitions> asked = fetched.groups().get(0).topics().get(0).partitions();
        assertEquals(asked.get(0).committedOffset(), -1L);
        assertEquals(asked.get(1).committedOffset(), 42L);
        assertEquals(asked.get(1).metadata(), "m");
        assertEquals(fetched.groups().get(1).topics().get(0).partitions().size(), 1, "all committed partitions");

        DescribedGroup described = get(new DescribeGroupsHandler(groups).handle(fixture.request(ApiKeys.DESCRIBE_GROUPS, 5),
                new DescribeGroupsRequestData().setGroups(List.of("g")))).groups().get(0);
        assertEquals(described.groupState(), "Stable");
        assertEquals(described.members().get(0).memberAssignment(), new byte[] {7});
        assertEquals(get(new DeleteGroupsHandler(groups).handle(fixture.request(ApiKeys.DELETE_GROUPS, 2),
                new DeleteGroupsRequestData().setGroupsNames(List.of("g")))).results().iterator().next().errorCode(),
                Errors.NON_EMPTY_GROUP.code());

        var left = get(new LeaveGroupHandler(groups).handle(fixture.request(ApiKeys.LEAVE_GROUP, 5),
                new LeaveGroupRequestData().setGroupId("g").setMembers(List.of(new MemberIdentity().setMemberId(member),
                        new MemberIdentity().setMemberId("stranger")))));
        assertEquals(left.members().get(0).errorCode(), Errors.NONE.code());
        assertEquals(left.members().get(1).errorCode(), Errors.UNKNOWN_MEMBER_ID.code());

        var empty = get(new ListGroupsHandler(groups).handle(fixture.request(ApiKeys.LIST_GROUPS, 4),
                new ListGroupsRequestData().setStatesFilter(List.of("Empty"))));
        assertEquals(empty.groups().size(), 1);
        assertFalse(get(new ListGroupsHandler(groups).handle(fixture.request(ApiKeys.LIST_GROUPS, 4),
                new ListGroupsRequestData().setStatesFilter(List.of("Stable")))).groups().iterator().hasNext());
        assertEquals(get(new DeleteGroupsHandler(groups).handle(fixture.request(ApiKeys.DELETE_GROUPS, 2),
                new DeleteGroupsRequestData().setGroupsNames(List.of("g")))).results().iterator().next().errorCode(),
                Errors.NONE.code());
    }

    private static JoinGroupRequestData joinRequest(String memberId) {
        JoinGroupRequestProtocolCollection protocols = new JoinGroupRequestProtocolCollection();
        protocols.add(new JoinGroupRequestProtocol().setName("range").setMetadata(new byte[] {1}));
        return new JoinGroupRequestData().setGroupId("g").setMemberId(memberId).setSessionTimeoutMs(10_000)
                .setRebalanceTimeoutMs(10_000).setProtocolType("consumer").setProtocols(protocols);
    }
}
