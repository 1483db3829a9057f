package io.tributary.kafka.fakes;

import io.tributary.coordinator.runtime.RecordLog;
import io.tributary.coordinator.state.GroupRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/** A coordinator partition's log in memory; kept across coordinator restarts by the test that owns it. */
public final class InMemoryGroupLog implements RecordLog {

    private final List<GroupRecord> records = new ArrayList<>();

    @Override
    public synchronized CompletableFuture<Void> append(List<GroupRecord> appended) {
        records.addAll(appended);
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public synchronized CompletableFuture<Integer> replay(Consumer<GroupRecord> consumer) {
        records.forEach(consumer);
        return CompletableFuture.completedFuture(records.size());
    }

    @Override
    public CompletableFuture<Void> close() {
        return CompletableFuture.completedFuture(null);
    }
}
