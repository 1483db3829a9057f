package io.tributary.coordinator.state;

import io.tributary.spi.coordination.CommittedOffset;
import io.tributary.spi.coordination.PartitionId;

/** One record of a shard's log; the log is compacted on {@link #key()}. A null payload is a tombstone. */
public sealed interface GroupRecord {

    String groupId();

    boolean tombstone();

    /** A committed offset, or its removal. */
    record Offset(String groupId, PartitionId partition, CommittedOffset offset) implements GroupRecord {
        @Override
        public boolean tombstone() {
            return offset == null;
        }
    }

    /** A group's membership as of its last completed rebalance, or its removal. */
    record Metadata(String groupId, GroupSnapshot snapshot) implements GroupRecord {
        @Override
        public boolean tombstone() {
            return snapshot == null;
        }
    }
}
