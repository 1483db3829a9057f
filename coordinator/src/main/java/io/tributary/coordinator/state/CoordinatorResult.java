package io.tributary.coordinator.state;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * What a state transition asks for: records to write, and what to do once they are written (a null
 * argument) or could not be (the failure). Responses that must wait for durability are completed there.
 */
public record CoordinatorResult(List<GroupRecord> records, Consumer<Throwable> afterWrite) {

    public static final CoordinatorResult NONE = new CoordinatorResult(List.of(), failure -> { });

    public CoordinatorResult {
        records = List.copyOf(records);
    }

    public static CoordinatorResult of(List<GroupRecord> records) {
        return records.isEmpty() ? NONE : new CoordinatorResult(records, failure -> { });
    }

    public static CoordinatorResult of(GroupRecord record) {
        return of(List.of(record));
    }

    /** Both results' records, in order; both continuations run after the write. */
    public CoordinatorResult and(CoordinatorResult other) {
        if (other == NONE) {
            return this;
        }
        if (this == NONE) {
            return other;
        }
        List<GroupRecord> all = new ArrayList<>(records);
        all.addAll(other.records);
        Consumer<Throwable> first = afterWrite;
        Consumer<Throwable> second = other.afterWrite;
        return new CoordinatorResult(all, failure -> {
            first.accept(failure);
            second.accept(failure);
        });
    }
}
