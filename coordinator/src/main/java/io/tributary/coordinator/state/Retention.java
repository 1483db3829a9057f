package io.tributary.coordinator.state;

import io.tributary.spi.coordination.CommittedOffset;
import io.tributary.spi.coordination.GroupState;
import io.tributary.spi.coordination.PartitionId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Kafka's offset retention: the offsets of a group that has been empty for the retention period expire,
 * and so does each offset of a group without membership once it is that old. Active groups keep theirs.
 */
final class Retention {

    private final ShardState shard;

    Retention(ShardState shard) {
        this.shard = shard;
    }

    CoordinatorResult expire() {
        long now = shard.now();
        long retention = shard.settings.offsetsRetentionMs();
        List<GroupRecord> records = new ArrayList<>();
        List<String> emptied = new ArrayList<>();
        for (String groupId : List.copyOf(shard.offsets.groupIds())) {
            ClassicGroup group = shard.group(groupId);
            boolean managed = group != null && group.protocolType != null;
            if (group != null && !group.is(GroupState.EMPTY)) {
                continue;
            }
            Map<PartitionId, CommittedOffset> offsets = shard.offsets.of(groupId);
            int expired = 0;
            for (Map.Entry<PartitionId, CommittedOffset> entry : offsets.entrySet()) {
                long base = managed ? group.stateTimestamp : entry.getValue().commitTimestamp();
                if (base + retention <= now) {
                    records.add(new GroupRecord.Offset(groupId, entry.getKey(), null));
                    expired++;
                }
            }
            if (expired == offsets.size()) {
                emptied.add(groupId);
            }
        }
        for (ClassicGroup group : shard.allGroups()) {
            if (group.is(GroupState.EMPTY) && !shard.offsets.hasOffsets(group.groupId)
                    && !emptied.contains(group.groupId)) {
                emptied.add(group.groupId);
            }
        }
        emptied.forEach(groupId -> records.add(new GroupRecord.Metadata(groupId, null)));
        if (records.isEmpty()) {
            return CoordinatorResult.NONE;
        }
        return new CoordinatorResult(records, failure -> {
            if (failure == null) {
                records.stream().filter(this::stillExpired).forEach(shard::replay);
            }
        });
    }

    /** A member may have joined while the removal was being written; then the group stays. */
    private boolean stillExpired(GroupRecord record) {
        ClassicGroup group = shard.group(record.groupId());
        return record instanceof GroupRecord.Offset || group == null || group.is(GroupState.EMPTY);
    }
}
