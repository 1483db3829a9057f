package io.tributary.kafka.group;

import io.tributary.kafka.api.ApiHandler;
import io.tributary.kafka.api.RequestContext;
import io.tributary.spi.coordination.GroupCoordinator;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.message.HeartbeatRequestData;
import org.apache.kafka.common.message.HeartbeatResponseData;
import org.apache.kafka.common.protocol.ApiKeys;

/** Heartbeat: keeps a member in its group and tells it when to rejoin. */
public final class HeartbeatHandler implements ApiHandler<HeartbeatRequestData, HeartbeatResponseData> {

    private final GroupCoordinator groups;

    public HeartbeatHandler(GroupCoordinator groups) {
        this.groups = groups;
    }

    @Override
    public ApiKeys apiKey() {
        return ApiKeys.HEARTBEAT;
    }

    @Override
    public short minVersion() {
        return 0;
    }

    @Override
    public short maxVersion() {
        return 4;
    }

    @Override
    public CompletableFuture<HeartbeatResponseData> handle(RequestContext context, HeartbeatRequestData request) {
        return groups.heartbeat(request.groupId(), request.memberId(), request.groupInstanceId(), request.generationId())
                .thenApply(error -> new HeartbeatResponseData().setErrorCode(GroupErrors.of(error).code()))
                .exceptionally(e -> new HeartbeatResponseData().setErrorCode(GroupErrors.of(e).code()));
    }
}
