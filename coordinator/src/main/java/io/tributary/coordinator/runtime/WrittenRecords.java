package io.tributary.coordinator.runtime;

import io.tributary.coordinator.state.GroupRecord;
import java.util.List;
import java.util.function.Predicate;

/**
 * Told about records once they are durable, e.g. to mirror committed offsets elsewhere. When a shard loads, it is
 * also told the offsets committed in the minute before the shard's latest commit and the offset removals its log
 * still holds (those written since the log was last compacted), since what was written just before a crash may not
 * have been told.
 */
@FunctionalInterface
public interface WrittenRecords {

    WrittenRecords NONE = records -> { };

    void written(List<GroupRecord> records);

    /** The groups {@code ofShard} accepts are no longer coordinated here: what is kept for them can go. */
    default void unloaded(Predicate<String> ofShard) {
    }
}
