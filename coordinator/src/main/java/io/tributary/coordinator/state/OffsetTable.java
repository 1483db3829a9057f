package io.tributary.coordinator.state;

import io.tributary.spi.coordination.CommittedOffset;
import io.tributary.spi.coordination.PartitionId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Committed offsets per group, as written to the log. */
final class OffsetTable {

    private final Map<String, Map<PartitionId, CommittedOffset>> byGroup = new HashMap<>();

    void apply(GroupRecord.Offset record) {
        if (record.tombstone()) {
            Map<PartitionId, CommittedOffset> offsets = byGroup.get(record.groupId());
            if (offsets != null) {
                offsets.remove(record.partition());
                if (offsets.isEmpty()) {
                    byGroup.remove(record.groupId());
                }
            }
        } else {
            byGroup.computeIfAbsent(record.groupId(), g -> new LinkedHashMap<>()).put(record.partition(), record.offset());
        }
    }

    Map<PartitionId, CommittedOffset> of(String groupId) {
        return byGroup.getOrDefault(groupId, Map.of());
    }

    boolean hasOffsets(String groupId) {
        return byGroup.containsKey(groupId);
    }

    Set<String> groupIds() {
        return byGroup.keySet();
    }

    /** The offsets committed at or after {@code commitTimestamp}, as the records that wrote them. */
    List<GroupRecord.Offset> recordsSince(long commitTimestamp) {
        List<GroupRecord.Offset> records = new ArrayList<>();
        byGroup.forEach((groupId, offsets) -> offsets.forEach((partition, offset) -> {
            if (offset.commitTimestamp() >= commitTimestamp) {
                records.add(new GroupRecord.Offset(groupId, partition, offset));
            }
        }));
        return records;
    }

    long latestCommitTimestamp() {
        return byGroup.values().stream().flatMap(offsets -> offsets.values().stream())
                .mapToLong(CommittedOffset::commitTimestamp).max().orElse(Long.MIN_VALUE);
    }

    int size() {
        return byGroup.values().stream().mapToInt(Map::size).sum();
    }
}
