package io.tributary.kafka.group;

import io.tributary.kafka.api.ApiHandler;
import io.tributary.kafka.api.BrokerNode;
import io.tributary.kafka.api.Futures;
import io.tributary.kafka.api.RequestContext;
import io.tributary.spi.coordination.GroupCoordinator;
import io.tributary.spi.coordination.PartitionId;
import io.tributary.spi.topic.TopicLookup;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.message.FindCoordinatorRequestData;
import org.apache.kafka.common.message.FindCoordinatorResponseData;
import org.apache.kafka.common.message.FindCoordinatorResponseData.Coordinator;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.FindCoordinatorRequest.CoordinatorType;

/**
 * The coordinator of a group is the broker owning the group's partition of the coordinator's state
 * topic. Transactions are not coordinated here: a transactional key gets COORDINATOR_NOT_AVAILABLE.
 */
public final class FindCoordinatorHandler
        implements ApiHandler<FindCoordinatorRequestData, FindCoordinatorResponseData> {

    private static final short FIRST_BATCHED_VERSION = 4;
    private static final String PROTOCOL = "kafka";

    private final GroupCoordinator groups;
    private final TopicLookup lookup;

    public FindCoordinatorHandler(GroupCoordinator groups, TopicLookup lookup) {
        this.groups = groups;
        this.lookup = lookup;
    }

    @Override
    public ApiKeys apiKey() {
        return ApiKeys.FIND_COORDINATOR;
    }

    @Override
    public short minVersion() {
        return 0;
    }

    @Override
    public short maxVersion() {
        return 6;
    }

    @Override
    public CompletableFuture<FindCoordinatorResponseData> handle(RequestContext context,
                                                                 FindCoordinatorRequestData request) {
        if (context.apiVersion() < FIRST_BATCHED_VERSION) {
            return find(context, request.keyType(), request.key()).thenApply(found -> new FindCoordinatorResponseData()
                    .setErrorCode(found.errorCode())
                    .setErrorMessage(found.errorMessage())
                    .setNodeId(found.nodeId())
                    .setHost(found.host())
                    .setPort(found.port()));
        }
        List<CompletableFuture<Coordinator>> found = request.coordinatorKeys().stream()
                .map(key -> find(context, request.keyType(), key)).toList();
        return Futures.all(found).thenApply(list -> new FindCoordinatorResponseData().setCoordinators(list));
    }

    private CompletableFuture<Coordinator> find(RequestContext context, byte keyType, String key) {
        Coordinator answer = new Coordinator().setKey(key);
        if (keyType != CoordinatorType.GROUP.id()) {
            Errors error = keyType == CoordinatorType.TRANSACTION.id()
                    ? Errors.COORDINATOR_NOT_AVAILABLE : Errors.INVALID_REQUEST;
            return CompletableFuture.completedFuture(failed(answer, error, "only group coordinators are served"));
        }
        if (key == null || key.isEmpty()) {
            return CompletableFuture.completedFuture(failed(answer, Errors.INVALID_REQUEST, "empty group id"));
        }
        PartitionId partition = groups.coordinatorPartition(key);
        return lookup.owner(partition.topic(), partition.partition(), PROTOCOL)
                .thenApply(owner -> {
                    BrokerNode node = context.nodeAt(owner);
                    return answer.setNodeId(node.id()).setHost(node.host()).setPort(node.port())
                            .setErrorCode(Errors.NONE.code());
                })
                .exceptionally(e -> failed(answer, Errors.COORDINATOR_NOT_AVAILABLE, e.getMessage()));
    }

    private static Coordinator failed(Coordinator answer, Errors error, String message) {
        return answer.setErrorCode(error.code()).setErrorMessage(message).setNodeId(-1).setHost("").setPort(-1);
    }
}
