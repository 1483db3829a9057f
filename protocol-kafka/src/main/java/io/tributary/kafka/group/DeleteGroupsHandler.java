package io.tributary.kafka.group;

import io.tributary.kafka.api.ApiHandler;
import io.tributary.kafka.api.RequestContext;
import io.tributary.spi.coordination.GroupCoordinator;
import io.tributary.spi.coordination.GroupError;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.message.DeleteGroupsRequestData;
import org.apache.kafka.common.message.DeleteGroupsResponseData;
import org.apache.kafka.common.message.DeleteGroupsResponseData.DeletableGroupResult;
import org.apache.kafka.common.protocol.ApiKeys;

/** DeleteGroups: removes empty groups with their offsets (and their Pulsar subscriptions). */
public final class DeleteGroupsHandler implements ApiHandler<DeleteGroupsRequestData, DeleteGroupsResponseData> {

    private final GroupCoordinator groups;

    public DeleteGroupsHandler(GroupCoordinator groups) {
        this.groups = groups;
    }

    @Override
    public ApiKeys apiKey() {
        return ApiKeys.DELETE_GROUPS;
    }

    @Override
    public short minVersion() {
        return 0;
    }

    @Override
    public short maxVersion() {
        return 2;
    }

    @Override
    public CompletableFuture<DeleteGroupsResponseData> handle(RequestContext context, DeleteGroupsRequestData request) {
        return groups.deleteGroups(request.groupsNames()).thenApply(errors -> {
            DeleteGroupsResponseData response = new DeleteGroupsResponseData();
            request.groupsNames().forEach(groupId -> response.results().add(new DeletableGroupResult()
                    .setGroupId(groupId).setErrorCode(GroupErrors.of(errors.getOrDefault(groupId, GroupError.UNKNOWN)).code())));
            return response;
        }).exceptionally(e -> {
            DeleteGroupsResponseData response = new DeleteGroupsResponseData();
            short code = GroupErrors.of(e).code();
            request.groupsNames().forEach(groupId -> response.results().add(new DeletableGroupResult()
                    .setGroupId(groupId).setErrorCode(code)));
            return response;
        });
    }
}
