package io.tributary.kafka.group;

import io.tributary.kafka.api.ApiHandler;
import io.tributary.kafka.api.RequestContext;
import io.tributary.spi.coordination.GroupCoordinator;
import io.tributary.spi.coordination.SyncRequest;
import io.tributary.spi.coordination.SyncResult;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.message.SyncGroupRequestData;
import org.apache.kafka.common.message.SyncGroupResponseData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;

/** SyncGroup: the leader brings the assignment, every member leaves with its own. */
public final class SyncGroupHandler implements ApiHandler<SyncGroupRequestData, SyncGroupResponseData> {

    private final GroupCoordinator groups;

    public SyncGroupHandler(GroupCoordinator groups) {
        this.groups = groups;
    }

    @Override
    public ApiKeys apiKey() {
        return ApiKeys.SYNC_GROUP;
    }

    @Override
    public short minVersion() {
        return 0;
    }

    @Override
    public short maxVersion() {
        return 5;
    }

    @Override
    public CompletableFuture<SyncGroupResponseData> handle(RequestContext context, SyncGroupRequestData request) {
        Map<String, byte[]> assignments = new HashMap<>();
        request.assignments().forEach(a -> assignments.put(a.memberId(), a.assignment()));
        SyncRequest sync = new SyncRequest(request.groupId(), request.memberId(), request.groupInstanceId(),
                request.generationId(), request.protocolType(), request.protocolName(), assignments);
        return groups.sync(sync).thenApply(SyncGroupHandler::response)
                .exceptionally(e -> failed(GroupErrors.of(e)));
    }

    private static SyncGroupResponseData response(SyncResult result) {
        Errors error = GroupErrors.of(result.error());
        if (error != Errors.NONE) {
            return failed(error);
        }
        return new SyncGroupResponseData()
                .setProtocolType(result.protocolType())
                .setProtocolName(result.protocolName())
                .setAssignment(result.assignment());
    }

    private static SyncGroupResponseData failed(Errors error) {
        return new SyncGroupResponseData().setErrorCode(error.code()).setAssignment(new byte[0]);
    }
}
