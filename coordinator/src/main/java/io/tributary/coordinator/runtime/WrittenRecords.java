package io.tributary.coordinator.runtime;

import io.tributary.coordinator.state.GroupRecord;
import java.util.List;

/** Told about records once they are durable, e.g. to mirror committed offsets elsewhere. */
@FunctionalInterface
public interface WrittenRecords {

    WrittenRecords NONE = records -> { };

    void written(List<GroupRecord> records);
}
