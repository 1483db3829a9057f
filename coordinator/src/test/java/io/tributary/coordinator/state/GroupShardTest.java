package io.tributary.coordinator.state;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertTrue;

import io.tributary.spi.coordination.CommittedOffset;
import io.tributary.spi.coordination.GroupDescription;
import io.tributary.spi.coordination.GroupError;
import io.tributary.spi.coordination.GroupProtocol;
import io.tributary.spi.coordination.GroupState;
import io.tributary.spi.coordination.JoinRequest;
import io.tributary.spi.coordination.JoinResult;
import io.tributary.spi.coordination.LeaveResult;
import io.tributary.spi.coordination.MemberRef;
import io.tributary.spi.coordination.OffsetCommitRequest;
import io.tributary.spi.coordination.PartitionId;
import io.tributary.spi.coordination.SyncRequest;
import io.tributary.spi.coordination.SyncResult;
import io.tributary.spi.topic.TopicName;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.testng.annotations.BeforeMethod;
import org.testng.annotations.Test;

public class GroupShardTest {

    private static final String GROUP = "g";
    private static final int SESSION = 10_000;
    private static final int REBALANCE = 30_000;
    private static final PartitionId P0 = new PartitionId(new TopicName("public", "default", "t"), 0);

    private FakeTimer timer;
    private GroupShard shard;

    @BeforeMethod
    public void setUp() {
        timer = new FakeTimer();
        shard = new GroupShard(timer, timer::now, new GroupSettings(0, 60_000));
    }

    private CompletableFuture<JoinResult> join(String memberId, String instanceId, boolean requireKnown, String... protocols) {
        CompletableFuture<JoinResult> response = new CompletableFuture<>();
        List<GroupProtocol> list = java.util.Arrays.stream(protocols.length == 0 ? new String[] {"range"} : protocols)
                .map(p -> new GroupProtocol(p, p.getBytes())).toList();
        timer.write(shard.join(new JoinRequest(GROUP, memberId, instanceId, "consumer", list, SESSION, REBALANCE,
                requireKnown, "client", "host"), response));
        return response;
    }

    private CompletableFuture<JoinResult> join(String memberId) {
        return join(memberId, null, false);
    }

    private CompletableFuture<SyncResult> sync(String memberId, int generation, Map<String, byte[]> assignments) {
        CompletableFuture<SyncResult> response = new CompletableFuture<>();
        timer.write(shard.sync(new SyncRequest(GROUP, memberId, null, generation, null, null, assignments), response));
        return response;
    }

    /** One member joined and synced; returns its join result. */
    private JoinResult stableSingleMember() {
        CompletableFuture<JoinResult> first = join("");
        timer.advance(0);
        JoinResult joined = first.join();
        sync(joined.memberId(), joined.generationId(), Map.of(joined.memberId(), new byte[] {1})).join();
        return joined;
    }

    @Test
    public void firstMemberBecomesLeaderOfGenerationOne() {
        JoinResult joined = stableSingleMember();
        assertEquals(joined.error(), GroupError.NONE);
        assertEquals(joined.generationId(), 1);
        assertEquals(joined.leaderId(), joined.memberId());
        assertEquals(joined.protocolName(), "range");
        assertEquals(joined.members().size(), 1);
        assertEquals(shard.describeGroup(GROUP).state(), GroupState.STABLE);
        assertTrue(timer.written.stream().anyMatch(r -> r instanceof GroupRecord.Metadata));
    }

    @Test
    public void newMemberOfVersion4MustJoinAgainWithItsId() {
        JoinResult required = join("", null, true).join();
        assertEquals(required.error(), GroupError.MEMBER_ID_REQUIRED);
        assertFalse(required.memberId().isEmpty());
        CompletableFuture<JoinResult> again = join(required.memberId(), null, true);
        timer.advance(0);
        assertEquals(again.join().error(), GroupError.NONE);
        assertEquals(again.join().memberId(), required.memberId());
    }

    @Test
    public void secondMemberTriggersRebalanceThatWaitsForTheFirst() {
        JoinResult first = stableSingleMember();
        CompletableFuture<JoinResult> second = join("");
        assertFalse(second.isDone(), "waits for the first member to rejoin");
        assertEquals(shard.heartbeat(GROUP, first.memberId(), null, 1), GroupError.REBALANCE_IN_PROGRESS);
        CompletableFuture<JoinResult> rejoin = join(first.memberId());
        assertTrue(second.isDone() && rejoin.isDone());
        assertEquals(rejoin.join().generationId(), 2);
        assertEquals(rejoin.join().members().size(), 2, "the leader sees both members");
        assertEquals(second.join().members().size(), 0);

        CompletableFuture<SyncResult> follower = sync(second.join().memberId(), 2, Map.of());
        assertFalse(follower.isDone(), "followers wait for the leader's assignment");
        CompletableFuture<SyncResult> leader = sync(first.memberId(), 2,
                Map.of(first.memberId(), new byte[] {1}, second.join().memberId(), new byte[] {2}));
        assertEquals(leader.join().assignment(), new byte[] {1});
        assertEquals(follower.join().assignment(), new byte[] {2});
        assertEquals(shard.heartbeat(GROUP, first.memberId(), null, 2), GroupError.NONE);
    }

    @Test
    public void memberThatDoesNotRejoinIsDroppedWhenTheRebalanceTimesOut() {
        JoinResult first = stableSingleMember();
        CompletableFuture<JoinResult> second = join("");
        timer.advance(REBALANCE);
        assertEquals(second.join().generationId(), 2);
        assertEquals(second.join().leaderId(), second.join().memberId());
        assertEquals(shard.heartbeat(GROUP, first.memberId(), null, 1), GroupError.UNKNOWN_MEMBER_ID);
    }

    @Test
    public void silentMemberExpiresAfterItsSessionTimeout() {
        JoinResult first = stableSingleMember();
        timer.advance(SESSION - 1);
        assertEquals(shard.heartbeat(GROUP, first.memberId(), null, 1), GroupError.NONE);
        timer.advance(SESSION);
        assertEquals(shard.heartbeat(GROUP, first.memberId(), null, 1), GroupError.UNKNOWN_MEMBER_ID);
        assertEquals(shard.describeGroup(GROUP).state(), GroupState.EMPTY);
    }

    @Test
    public void wrongGenerationAndUnknownMemberAreRefused() {
        JoinResult first = stableSingleMember();
        assertEquals(shard.heartbeat(GROUP, first.memberId(), null, 7), GroupError.ILLEGAL_GENERATION);
        assertEquals(shard.heartbeat(GROUP, "nobody", null, 1), GroupError.UNKNOWN_MEMBER_ID);
        assertEquals(sync(first.memberId(), 9, Map.of()).join().error(), GroupError.ILLEGAL_GENERATION);
        assertEquals(join("nobody").join().error(), GroupError.UNKNOWN_MEMBER_ID);
        assertEquals(shard.heartbeat("missing", "m", null, 1), GroupError.UNKNOWN_MEMBER_ID);
    }

    @Test
    public void memberWithoutACommonProtocolIsInconsistent() {
        stableSingleMember();
        assertEquals(join("", null, false, "roundrobin").join().error(), GroupError.INCONSISTENT_GROUP_PROTOCOL);
    }

    @Test
    public void invalidSessionTimeoutIsRefused() {
        CompletableFuture<JoinResult> response = new CompletableFuture<>();
        shard.join(new JoinRequest(GROUP, "", null, "consumer", List.of(new GroupProtocol("range", new byte[0])),
                1000, REBALANCE, false, "c", "h"), response);
        assertEquals(response.join().error(), GroupError.INVALID_SESSION_TIMEOUT);
    }

    @Test
    public void leaveRebalancesAndLastLeaveEmptiesTheGroup() {
        JoinResult first = stableSingleMember();
        CompletableFuture<LeaveResult> left = new CompletableFuture<>();
        timer.write(shard.leave(GROUP, List.of(new MemberRef(first.memberId(), null), new MemberRef("x", null)), left));
        assertEquals(left.join().members().get(0).error(), GroupError.NONE);
        assertEquals(left.join().members().get(1).error(), GroupError.UNKNOWN_MEMBER_ID);
        GroupDescription group = shard.describeGroup(GROUP);
        assertEquals(group.state(), GroupState.EMPTY);
    }

    @Test
    public void staticMemberRejoiningWithoutIdFencesItsOldIdAndKeepsItsAssignment() {
        CompletableFuture<JoinResult> first = join("", "instance-1", true);
        timer.advance(0);
        JoinResult joined = first.join();
        sync(joined.memberId(), 1, Map.of(joined.memberId(), new byte[] {9})).join();

        JoinResult rejoined = join("", "instance-1", true).join();
        assertEquals(rejoined.error(), GroupError.NONE);
        assertEquals(rejoined.generationId(), 1, "no rebalance");
        assertTrue(rejoined.skipAssignment(), "the leader keeps the current assignment");
        assertEquals(shard.heartbeat(GROUP, joined.memberId(), "instance-1", 1), GroupError.FENCED_INSTANCE_ID);
        SyncResult assignment = sync(rejoined.memberId(), 1, Map.of()).join();
        assertEquals(assignment.assignment(), new byte[] {9});
    }

    @Test
    public void commitsNeedTheCurrentGenerationExceptForStandaloneGroups() {
        JoinResult member = stableSingleMember();
        assertEquals(commit(member.memberId(), 1, 5).get(P0), GroupError.NONE);
        assertEquals(commit(member.memberId(), 3, 6).get(P0), GroupError.ILLEGAL_GENERATION);
        assertEquals(commit("", -1, 7).get(P0), GroupError.UNKNOWN_MEMBER_ID, "the group has members");
        assertEquals(shard.fetchOffsets(GROUP, List.of(P0)).offsets().get(P0).offset(), 5L);

        CompletableFuture<Map<PartitionId, GroupError>> standalone = new CompletableFuture<>();
        timer.write(shard.commitOffsets(new OffsetCommitRequest("tool", "", null, -1,
                Map.of(P0, new CommittedOffset(3, -1, "", 0))), standalone));
        assertEquals(standalone.join().get(P0), GroupError.NONE);
        assertEquals(shard.fetchOffsets("tool", null).offsets().get(P0).offset(), 3L);
    }

    @Test
    public void offsetsChangeOnlyOnceWritten() {
        CompletableFuture<Map<PartitionId, GroupError>> response = new CompletableFuture<>();
        CoordinatorResult result = shard.commitOffsets(new OffsetCommitRequest("tool", "", null, -1,
                Map.of(P0, new CommittedOffset(3, -1, "", 0))), response);
        assertEquals(result.records().size(), 1);
        assertFalse(response.isDone());
        assertTrue(shard.fetchOffsets("tool", null).offsets().isEmpty());
        result.afterWrite().accept(new IllegalStateException("bookie down"));
        assertEquals(response.join().get(P0), GroupError.COORDINATOR_NOT_AVAILABLE);
        assertTrue(shard.fetchOffsets("tool", null).offsets().isEmpty());
    }

    @Test
    public void deleteNeedsAnEmptyGroupAndRemovesItsOffsets() {
        JoinResult member = stableSingleMember();
        commit(member.memberId(), 1, 5);
        assertEquals(delete(GROUP), GroupError.NON_EMPTY_GROUP);
        CompletableFuture<LeaveResult> left = new CompletableFuture<>();
        timer.write(shard.leave(GROUP, List.of(new MemberRef(member.memberId(), null)), left));
        assertEquals(delete(GROUP), GroupError.NONE);
        assertEquals(delete(GROUP), GroupError.GROUP_ID_NOT_FOUND);
        assertTrue(shard.fetchOffsets(GROUP, null).offsets().isEmpty());
        assertTrue(timer.written.stream().anyMatch(r -> r instanceof GroupRecord.Offset o && o.tombstone()));
        assertEquals(shard.describeGroup(GROUP).error(), GroupError.GROUP_ID_NOT_FOUND);
    }

    @Test
    public void offsetsOfAnEmptyGroupExpireAfterTheRetention() {
        JoinResult member = stableSingleMember();
        commit(member.memberId(), 1, 5);
        for (int i = 0; i < 13; i++) {
            timer.advance(5_000);
            assertEquals(shard.heartbeat(GROUP, member.memberId(), null, 1), GroupError.NONE);
        }
        timer.write(shard.expireOffsets());
        assertEquals(shard.fetchOffsets(GROUP, null).offsets().size(), 1, "an active group keeps its offsets");
        CompletableFuture<LeaveResult> left = new CompletableFuture<>();
        timer.write(shard.leave(GROUP, List.of(new MemberRef(member.memberId(), null)), left));
        timer.advance(59_000);
        timer.write(shard.expireOffsets());
        assertEquals(shard.fetchOffsets(GROUP, null).offsets().size(), 1);
        timer.advance(1_000);
        timer.write(shard.expireOffsets());
        assertTrue(shard.fetchOffsets(GROUP, null).offsets().isEmpty());
        assertTrue(shard.listGroups(Set.of()).isEmpty(), "the group went with its offsets");
    }

    @Test
    public void latestCommittedOffsetsAreThoseNearTheLastCommitAfterRemovals() {
        PartitionId p1 = new PartitionId(P0.topic(), 1);
        commitStandalone("old", Map.of(P0, 1L));
        timer.advance(120_000);
        commitStandalone("a", Map.of(P0, 3L, p1, 4L));
        commitStandalone("b", Map.of(P0, 7L));
        assertEquals(delete("b"), GroupError.NONE);
        timer.advance(30_000);
        commitStandalone("c", Map.of(p1, 9L));

        FakeTimer restartedTimer = new FakeTimer();
        GroupShard restored = new GroupShard(restartedTimer, restartedTimer::now, new GroupSettings(0, 600_000));
        timer.written.forEach(restored::replay);
        restored.loaded();
        assertEquals(restored.latestCommittedOffsets(60_000).stream()
                        .map(o -> o.groupId() + "/" + o.partition().partition() + "@" + o.offset().offset())
                        .collect(Collectors.toSet()),
                Set.of("a/0@3", "a/1@4", "c/1@9"), "within a minute of the last commit, without the deleted group");
        assertTrue(new GroupShard(restartedTimer, restartedTimer::now, new GroupSettings(0, 600_000))
                .latestCommittedOffsets(60_000).isEmpty());
    }

    private void commitStandalone(String groupId, Map<PartitionId, Long> offsets) {
        Map<PartitionId, CommittedOffset> committed = new HashMap<>();
        offsets.forEach((partition, offset) -> committed.put(partition, new CommittedOffset(offset, -1, "", 0)));
        CompletableFuture<Map<PartitionId, GroupError>> response = new CompletableFuture<>();
        timer.write(shard.commitOffsets(new OffsetCommitRequest(groupId, "", null, -1, committed), response));
        assertTrue(response.join().values().stream().allMatch(GroupError.NONE::equals));
    }

    @Test
    public void restoredShardHasTheGroupsAndOffsetsItWrote() {
        JoinResult member = stableSingleMember();
        commit(member.memberId(), 1, 5);
        FakeTimer restartedTimer = new FakeTimer();
        GroupShard restored = new GroupShard(restartedTimer, restartedTimer::now, new GroupSettings(0, 60_000));
        timer.written.forEach(restored::replay);
        restored.loaded();
        assertEquals(restored.fetchOffsets(GROUP, null).offsets().get(P0).offset(), 5L);
        assertEquals(restored.describeGroup(GROUP).state(), GroupState.STABLE);
        assertEquals(restored.heartbeat(GROUP, member.memberId(), null, 1), GroupError.NONE);
        restartedTimer.advance(SESSION + 1);
        assertEquals(restored.describeGroup(GROUP).state(), GroupState.EMPTY, "restored members must heartbeat");
    }

    private Map<PartitionId, GroupError> commit(String memberId, int generation, long offset) {
        CompletableFuture<Map<PartitionId, GroupError>> response = new CompletableFuture<>();
        timer.write(shard.commitOffsets(new OffsetCommitRequest(GROUP, memberId, null, generation,
                Map.of(P0, new CommittedOffset(offset, -1, "", 0))), response));
        return response.join();
    }

    private GroupError delete(String groupId) {
        CompletableFuture<GroupError> response = new CompletableFuture<>();
        timer.write(shard.deleteGroup(groupId, response));
        return response.join();
    }
}
