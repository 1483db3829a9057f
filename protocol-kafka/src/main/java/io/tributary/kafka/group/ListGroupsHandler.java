package io.tributary.kafka.group;

import io.tributary.kafka.api.ApiHandler;
import io.tributary.kafka.api.RequestContext;
import io.tributary.spi.coordination.GroupCoordinator;
import io.tributary.spi.coordination.GroupState;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.message.ListGroupsRequestData;
import org.apache.kafka.common.message.ListGroupsResponseData;
import org.apache.kafka.common.message.ListGroupsResponseData.ListedGroup;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;

/** ListGroups: every group coordinated here, filtered by state (v4+) and type (v5+, all are classic). */
public final class ListGroupsHandler implements ApiHandler<ListGroupsRequestData, ListGroupsResponseData> {

    private static final String CLASSIC = "classic";

    private final GroupCoordinator groups;

    public ListGroupsHandler(GroupCoordinator groups) {
        this.groups = groups;
    }

    @Override
    public ApiKeys apiKey() {
        return ApiKeys.LIST_GROUPS;
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
    public CompletableFuture<ListGroupsResponseData> handle(RequestContext context, ListGroupsRequestData request) {
        List<String> types = request.typesFilter();
        if (!types.isEmpty() && types.stream().noneMatch(t -> t.toLowerCase(Locale.ROOT).equals(CLASSIC))) {
            return CompletableFuture.completedFuture(new ListGroupsResponseData());
        }
        Set<GroupState> states = EnumSet.noneOf(GroupState.class);
        for (String name : request.statesFilter()) {
            Optional<GroupState> state = GroupStates.parse(name);
            if (state.isEmpty()) {
                return CompletableFuture.completedFuture(new ListGroupsResponseData());
            }
            states.add(state.get());
        }
        return groups.listGroups(states).thenApply(listed -> {
            ListGroupsResponseData response = new ListGroupsResponseData().setErrorCode(Errors.NONE.code());
            listed.forEach(g -> response.groups().add(new ListedGroup()
                    .setGroupId(g.groupId())
                    .setProtocolType(g.protocolType())
                    .setGroupState(GroupStates.kafkaName(g.state()))
                    .setGroupType(CLASSIC)));
            return response;
        }).exceptionally(e -> new ListGroupsResponseData().setErrorCode(GroupErrors.of(e).code()));
    }
}
