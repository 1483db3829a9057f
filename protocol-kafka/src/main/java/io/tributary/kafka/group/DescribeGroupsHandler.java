package io.tributary.kafka.group;

import io.tributary.kafka.api.ApiHandler;
import io.tributary.kafka.api.Futures;
import io.tributary.kafka.api.RequestContext;
import io.tributary.spi.coordination.GroupCoordinator;
import io.tributary.spi.coordination.GroupDescription;
import io.tributary.spi.coordination.GroupError;
import io.tributary.spi.coordination.GroupState;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.message.DescribeGroupsRequestData;
import org.apache.kafka.common.message.DescribeGroupsResponseData;
import org.apache.kafka.common.message.DescribeGroupsResponseData.DescribedGroup;
import org.apache.kafka.common.message.DescribeGroupsResponseData.DescribedGroupMember;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;

/** DescribeGroups: state, protocol and members. An unknown group is Dead (GROUP_ID_NOT_FOUND since v6). */
public final class DescribeGroupsHandler implements ApiHandler<DescribeGroupsRequestData, DescribeGroupsResponseData> {

    private static final short FIRST_NOT_FOUND_VERSION = 6;
    /** All group operations: READ, DELETE, DESCRIBE (Kafka's AclOperation codes 3, 6, 8). */
    private static final int GROUP_OPERATIONS = (1 << 3) | (1 << 6) | (1 << 8);

    private final GroupCoordinator groups;

    public DescribeGroupsHandler(GroupCoordinator groups) {
        this.groups = groups;
    }

    @Override
    public ApiKeys apiKey() {
        return ApiKeys.DESCRIBE_GROUPS;
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
    public CompletableFuture<DescribeGroupsResponseData> handle(RequestContext context,
                                                                DescribeGroupsRequestData request) {
        return Futures.all(request.groups().stream().map(groupId -> groups.describeGroup(groupId)
                        .thenApply(found -> described(context.apiVersion(), found, request.includeAuthorizedOperations()))
                        .exceptionally(e -> new DescribedGroup().setGroupId(groupId).setGroupState("")
                                .setErrorCode(GroupErrors.of(e).code())))
                        .toList())
                .thenApply(list -> new DescribeGroupsResponseData().setGroups(list));
    }

    private static DescribedGroup described(short version, GroupDescription found, boolean withOperations) {
        DescribedGroup group = new DescribedGroup()
                .setGroupId(found.groupId())
                .setGroupState(GroupStates.kafkaName(found.state()))
                .setProtocolType(found.protocolType())
                .setProtocolData(found.protocolName());
        if (found.error() == GroupError.GROUP_ID_NOT_FOUND) {
            return version >= FIRST_NOT_FOUND_VERSION
                    ? group.setErrorCode(Errors.GROUP_ID_NOT_FOUND.code())
                            .setErrorMessage("group " + found.groupId() + " not found")
                    : group.setGroupState(GroupStates.kafkaName(GroupState.DEAD));
        }
        group.setErrorCode(GroupErrors.of(found.error()).code());
        if (withOperations) {
            group.setAuthorizedOperations(GROUP_OPERATIONS);
        }
        found.members().forEach(m -> group.members().add(new DescribedGroupMember()
                .setMemberId(m.memberId())
                .setGroupInstanceId(m.groupInstanceId())
                .setClientId(m.clientId() == null ? "" : m.clientId())
                .setClientHost(m.clientHost() == null ? "" : m.clientHost())
                .setMemberMetadata(m.metadata())
                .setMemberAssignment(m.assignment())));
        return group;
    }
}
