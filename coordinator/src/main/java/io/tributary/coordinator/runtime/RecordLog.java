package io.tributary.coordinator.runtime;

import io.tributary.coordinator.state.GroupRecord;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/** The durable log of one coordinator shard. */
public interface RecordLog {

    /** Completes once every record is durable, in order with earlier appends. */
    CompletableFuture<Void> append(List<GroupRecord> records);

    /** Reads every record kept in the log (compacted: the latest per key), in order. */
    CompletableFuture<Integer> replay(Consumer<GroupRecord> consumer);

    CompletableFuture<Void> close();
}
