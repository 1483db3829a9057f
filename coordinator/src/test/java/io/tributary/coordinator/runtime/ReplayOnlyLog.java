package io.tributary.coordinator.runtime;

import io.tributary.coordinator.state.GroupRecord;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/** A shard's log that replays fixed records and refuses appends. */
record ReplayOnlyLog(List<GroupRecord> records) implements RecordLog {

    @Override
    public CompletableFuture<Void> append(List<GroupRecord> appended) {
        return CompletableFuture.failedFuture(new UnsupportedOperationException("read only"));
    }

    @Override
    public CompletableFuture<Integer> replay(Consumer<GroupRecord> consumer) {
        records.forEach(consumer);
        return CompletableFuture.completedFuture(records.size());
    }

    @Override
    public CompletableFuture<Void> close() {
        return CompletableFuture.completedFuture(null);
    }
}
