package io.tributary.spi.coordination;

import java.util.Map;

/** A group's committed offsets; partitions without a committed offset are absent. */
public record GroupOffsets(GroupError error, Map<PartitionId, CommittedOffset> offsets) {
}
