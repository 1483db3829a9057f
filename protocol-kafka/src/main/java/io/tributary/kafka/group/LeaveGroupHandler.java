package io.tributary.kafka.group;

import io.tributary.kafka.api.ApiHandler;
import io.tributary.kafka.api.RequestContext;
import io.tributary.spi.coordination.GroupCoordinator;
import io.tributary.spi.coordination.LeaveResult;
import io.tributary.spi.coordination.MemberRef;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.message.LeaveGroupRequestData;
import org.apache.kafka.common.message.LeaveGroupResponseData;
import org.apache.kafka.common.message.LeaveGroupResponseData.MemberResponse;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;

/** LeaveGroup: one member before v3, a batch of members (by member or instance id) since. */
public final class LeaveGroupHandler implements ApiHandler<LeaveGroupRequestData, LeaveGroupResponseData> {

    private static final short FIRST_BATCHED_VERSION = 3;

    private final GroupCoordinator groups;

    public LeaveGroupHandler(GroupCoordinator groups) {
        this.groups = groups;
    }

    @Override
    public ApiKeys apiKey() {
        return ApiKeys.LEAVE_GROUP;
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
    public CompletableFuture<LeaveGroupResponseData> handle(RequestContext context, LeaveGroupRequestData request) {
        boolean batched = context.apiVersion() >= FIRST_BATCHED_VERSION;
        List<MemberRef> leaving = batched
                ? request.members().stream().map(m -> new MemberRef(m.memberId(), m.groupInstanceId())).toList()
                : List.of(new MemberRef(request.memberId(), null));
        return groups.leave(request.groupId(), leaving)
                .thenApply(result -> response(batched, result))
                .exceptionally(e -> new LeaveGroupResponseData().setErrorCode(GroupErrors.of(e).code()));
    }

    private static LeaveGroupResponseData response(boolean batched, LeaveResult result) {
        LeaveGroupResponseData response = new LeaveGroupResponseData()
                .setErrorCode(GroupErrors.of(result.error()).code());
        if (!batched) {
            Errors single = result.members().isEmpty() ? Errors.NONE : GroupErrors.of(result.members().get(0).error());
            return response.errorCode() == Errors.NONE.code() ? response.setErrorCode(single.code()) : response;
        }
        result.members().forEach(m -> response.members().add(new MemberResponse()
                .setMemberId(m.memberId())
                .setGroupInstanceId(m.groupInstanceId())
                .setErrorCode(GroupErrors.of(m.error()).code())));
        return response;
    }
}
