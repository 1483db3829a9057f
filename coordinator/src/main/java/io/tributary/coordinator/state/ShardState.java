package io.tributary.coordinator.state;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/** What the operations of one shard share: its groups, offsets, timers, clock and settings. */
final class ShardState {

    final Map<String, ClassicGroup> groups = new HashMap<>();
    final OffsetTable offsets = new OffsetTable();
    final GroupTimer timer;
    final LongSupplier clock;
    final GroupSettings settings;

    ShardState(GroupTimer timer, LongSupplier clock, GroupSettings settings) {
        this.timer = timer;
        this.clock = clock;
        this.settings = settings;
    }

    long now() {
        return clock.getAsLong();
    }

    ClassicGroup group(String groupId) {
        return groups.get(groupId);
    }

    ClassicGroup getOrCreate(String groupId) {
        return groups.computeIfAbsent(groupId, id -> new ClassicGroup(id, now()));
    }

    /** Applies a record read back from the log (or a tombstone just written). */
    void replay(GroupRecord record) {
        if (record instanceof GroupRecord.Offset offset) {
            offsets.apply(offset);
        } else if (record instanceof GroupRecord.Metadata metadata) {
            if (metadata.tombstone()) {
                groups.remove(metadata.groupId());
            } else {
                groups.put(metadata.groupId(), ClassicGroup.restore(metadata.groupId(), metadata.snapshot()));
            }
        }
    }

    Collection<ClassicGroup> allGroups() {
        return groups.values();
    }

    static String heartbeatKey(String groupId, String memberId) {
        return "heartbeat/" + groupId + "/" + memberId;
    }

    static String joinKey(String groupId) {
        return "join/" + groupId;
    }
}
