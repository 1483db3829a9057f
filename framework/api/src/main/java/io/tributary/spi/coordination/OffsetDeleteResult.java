package io.tributary.spi.coordination;

import java.util.Map;

/** An error for the whole group, or one per partition. */
public record OffsetDeleteResult(GroupError error, Map<PartitionId, GroupError> partitions) {
}
