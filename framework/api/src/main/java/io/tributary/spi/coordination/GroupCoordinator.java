package io.tributary.spi.coordination;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Named groups of consumers: membership with generations and rebalances (the classic Kafka group
 * protocol), and committed offsets per partition, stored durably. A protocol without membership (an
 * MQTT-like one) can still commit and fetch offsets for a named group with generation -1.
 *
 * <p>Group-level refusals are data ({@link GroupError} in each result); futures fail only with
 * {@link GroupException} (e.g. {@link GroupError#NOT_COORDINATOR}) or unexpected errors. Nothing blocks.
 */
public interface GroupCoordinator {

    /**
     * The partition of the coordinator's state topic that holds the group. The broker owning it is the
     * group's coordinator; a protocol finds its endpoint with
     * {@link io.tributary.spi.topic.TopicLookup#owner}.
     */
    PartitionId coordinatorPartition(String groupId);

    /**
     * Joins the group's next generation. Completes when the generation is formed (every known member
     * joined, or the rebalance timeout passed), or at once with an error.
     */
    CompletableFuture<JoinResult> join(JoinRequest request);

    /** Completes with the member's assignment once the leader has sent it. */
    CompletableFuture<SyncResult> sync(SyncRequest request);

    /** Keeps a member alive; {@link GroupError#REBALANCE_IN_PROGRESS} tells it to rejoin. */
    CompletableFuture<GroupError> heartbeat(String groupId, String memberId, String groupInstanceId, int generationId);

    CompletableFuture<LeaveResult> leave(String groupId, List<MemberRef> members);

    /** Commits offsets durably; one error per partition. */
    CompletableFuture<Map<PartitionId, GroupError>> commitOffsets(OffsetCommitRequest request);

    /** The committed offsets of the given partitions, or of every partition when {@code partitions} is null. */
    CompletableFuture<GroupOffsets> fetchOffsets(String groupId, Collection<PartitionId> partitions);

    /** The groups this broker coordinates, restricted to {@code states} unless it is empty. */
    CompletableFuture<List<GroupOverview>> listGroups(Set<GroupState> states);

    CompletableFuture<GroupDescription> describeGroup(String groupId);

    /** Deletes empty groups with their offsets; one error per group. */
    CompletableFuture<Map<String, GroupError>> deleteGroups(List<String> groupIds);

    /** Deletes committed offsets of partitions the group does not consume. */
    CompletableFuture<OffsetDeleteResult> deleteOffsets(String groupId, List<PartitionId> partitions);
}
