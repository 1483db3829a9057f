package io.tributary.coordinator.runtime;

import io.tributary.coordinator.state.GroupRecord;
import java.util.List;

/**
 * Told about records once they are durable, e.g. to mirror committed offsets elsewhere; when a shard loads, also
 * about every committed offset it replayed, since what was written just before a crash may not have been told.
 */
@FunctionalInterface
public interface WrittenRecords {

    WrittenRecords NONE = records -> { };

    void written(List<GroupRecord> records);
}
