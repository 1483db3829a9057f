package io.tributary.kafka.group;

import io.tributary.kafka.api.ApiHandler;
import io.tributary.kafka.api.RequestContext;
import io.tributary.spi.coordination.GroupCoordinator;
import io.tributary.spi.coordination.GroupProtocol;
import io.tributary.spi.coordination.JoinRequest;
import io.tributary.spi.coordination.JoinResult;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.message.JoinGroupRequestData;
import org.apache.kafka.common.message.JoinGroupResponseData;
import org.apache.kafka.common.message.JoinGroupResponseData.JoinGroupResponseMember;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;

/** JoinGroup: completes when the group's next generation is formed. Since v4 a new member first gets an id. */
public final class JoinGroupHandler implements ApiHandler<JoinGroupRequestData, JoinGroupResponseData> {

    private static final short FIRST_REBALANCE_TIMEOUT_VERSION = 1;
    private static final short FIRST_KNOWN_MEMBER_ID_VERSION = 4;
    private static final short FIRST_NULLABLE_PROTOCOL_VERSION = 7;
    private static final short FIRST_SKIP_ASSIGNMENT_VERSION = 9;

    private final GroupCoordinator groups;

    public JoinGroupHandler(GroupCoordinator groups) {
        this.groups = groups;
    }

    @Override
    public ApiKeys apiKey() {
        return ApiKeys.JOIN_GROUP;
    }

    @Override
    public short minVersion() {
        return 0;
    }

    @Override
    public short maxVersion() {
        return 9;
    }

    @Override
    public CompletableFuture<JoinGroupResponseData> handle(RequestContext context, JoinGroupRequestData request) {
        short version = context.apiVersion();
        List<GroupProtocol> protocols = request.protocols().stream()
                .map(p -> new GroupProtocol(p.name(), p.metadata())).toList();
        int rebalanceTimeout = version >= FIRST_REBALANCE_TIMEOUT_VERSION
                ? request.rebalanceTimeoutMs() : request.sessionTimeoutMs();
        JoinRequest join = new JoinRequest(request.groupId(), request.memberId(), request.groupInstanceId(),
                request.protocolType(), protocols, request.sessionTimeoutMs(), rebalanceTimeout,
                version >= FIRST_KNOWN_MEMBER_ID_VERSION, context.clientId(), "");
        return groups.join(join)
                .thenApply(result -> response(version, result))
                .exceptionally(e -> response(version, GroupErrors.of(e), request.memberId()));
    }

    private static JoinGroupResponseData response(short version, JoinResult result) {
        Errors error = GroupErrors.of(result.error());
        if (error != Errors.NONE) {
            return response(version, error, result.memberId());
        }
        JoinGroupResponseData response = new JoinGroupResponseData()
                .setGenerationId(result.generationId())
                .setProtocolType(result.protocolType())
                .setProtocolName(result.protocolName())
                .setLeader(result.leaderId())
                .setMemberId(result.memberId())
                .setSkipAssignment(version >= FIRST_SKIP_ASSIGNMENT_VERSION && result.skipAssignment());
        result.members().forEach(m -> response.members().add(new JoinGroupResponseMember()
                .setMemberId(m.memberId())
                .setGroupInstanceId(m.groupInstanceId())
                .setMetadata(m.metadata())));
        return response;
    }

    private static JoinGroupResponseData response(short version, Errors error, String memberId) {
        return new JoinGroupResponseData()
                .setErrorCode(error.code())
                .setGenerationId(-1)
                .setProtocolName(version >= FIRST_NULLABLE_PROTOCOL_VERSION ? null : "")
                .setLeader("")
                .setMemberId(memberId == null ? "" : memberId);
    }
}
