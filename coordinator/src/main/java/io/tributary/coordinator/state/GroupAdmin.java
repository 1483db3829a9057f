package io.tributary.coordinator.state;

import io.tributary.spi.coordination.GroupDescription;
import io.tributary.spi.coordination.GroupError;
import io.tributary.spi.coordination.GroupOverview;
import io.tributary.spi.coordination.GroupState;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** ListGroups, DescribeGroups and DeleteGroups. A group with offsets but no members is an empty group. */
final class GroupAdmin {

    private final ShardState shard;
    private final OffsetOperations offsets;

    GroupAdmin(ShardState shard, OffsetOperations offsets) {
        this.shard = shard;
        this.offsets = offsets;
    }

    List<GroupOverview> list(Set<GroupState> states) {
        Set<String> ids = new TreeSet<>(shard.groups.keySet());
        ids.addAll(shard.offsets.groupIds());
        List<GroupOverview> listed = new ArrayList<>();
        for (String id : ids) {
            ClassicGroup group = shard.group(id);
            GroupState state = group == null ? GroupState.EMPTY : group.state;
            if (state != GroupState.DEAD && (states.isEmpty() || states.contains(state))) {
                listed.add(new GroupOverview(id, group == null || group.protocolType == null ? "" : group.protocolType,
                        state));
            }
        }
        return listed;
    }

    GroupDescription describe(String groupId) {
        ClassicGroup group = shard.group(groupId);
        if (group == null || group.is(GroupState.DEAD)) {
            return shard.offsets.hasOffsets(groupId)
                    ? new GroupDescription(groupId, GroupError.NONE, GroupState.EMPTY, "", "", List.of())
                    : new GroupDescription(groupId, GroupError.GROUP_ID_NOT_FOUND, GroupState.DEAD, "", "", List.of());
        }
        List<GroupDescription.Member> members = new ArrayList<>();
        boolean stable = group.is(GroupState.STABLE);
        for (GroupMember m : group.members()) {
            members.add(new GroupDescription.Member(m.memberId, m.instanceId, m.clientId, m.clientHost,
                    stable ? m.metadata(group.protocolName) : new byte[0], stable ? m.assignment : new byte[0]));
        }
        return new GroupDescription(groupId, GroupError.NONE, group.state,
                group.protocolType == null ? "" : group.protocolType,
                stable && group.protocolName != null ? group.protocolName : "", members);
    }

    /** Validates and, if the group can go, marks it dead; the records remove it and its offsets. */
    GroupError checkDeletable(String groupId) {
        ClassicGroup group = shard.group(groupId);
        if (group == null) {
            return shard.offsets.hasOffsets(groupId) ? GroupError.NONE : GroupError.GROUP_ID_NOT_FOUND;
        }
        return switch (group.state) {
            case DEAD -> GroupError.GROUP_ID_NOT_FOUND;
            case EMPTY -> GroupError.NONE;
            default -> GroupError.NON_EMPTY_GROUP;
        };
    }

    /** Records deleting the group; the group disappears once they are written. */
    CoordinatorResult delete(String groupId) {
        ClassicGroup group = shard.group(groupId);
        if (group != null) {
            group.transition(GroupState.DEAD, shard.now());
        }
        List<GroupRecord> records = new ArrayList<>(offsets.tombstones(groupId));
        records.add(new GroupRecord.Metadata(groupId, null));
        return new CoordinatorResult(records, failure -> {
            if (failure == null) {
                records.forEach(shard::replay);
            } else if (group != null && shard.group(groupId) == group) {
                group.transition(GroupState.EMPTY, shard.now());
            }
        });
    }
}
