package io.tributary.coordinator.runtime;

import static org.testng.Assert.assertEquals;

import io.tributary.coordinator.state.GroupRecord;
import io.tributary.coordinator.state.GroupSettings;
import io.tributary.spi.coordination.CommittedOffset;
import io.tributary.spi.coordination.PartitionId;
import io.tributary.spi.topic.TopicName;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.testng.annotations.AfterMethod;
import org.testng.annotations.Test;

public class ShardRuntimeTest {

    private static final PartitionId P0 = new PartitionId(new TopicName("public", "default", "t"), 0);
    private static final PartitionId P1 = new PartitionId(new TopicName("public", "default", "t"), 1);

    private final ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1);

    @AfterMethod(alwaysRun = true)
    public void stop() {
        executor.shutdownNow();
    }

    @Test
    public void aLoadedShardTellsItsListenerTheLastMinutesCommitsAndTheRemovalsItsLogHolds() throws Exception {
        long last = 10_000_000;
        List<GroupRecord> log = List.of(
                offset("old", P0, 1, last - ShardRuntime.RECENT_COMMITS_MS - 1),
                offset("a", P0, 5, last - ShardRuntime.RECENT_COMMITS_MS),
                offset("b", P1, 8, last - 1_000),
                offset("b", P0, 2, last - 2_000),
                new GroupRecord.Offset("b", P0, null),
                new GroupRecord.Offset("d", P0, null),
                offset("d", P0, 4, last - 500),
                offset("c", P1, 9, last));
        List<GroupRecord> told = new CopyOnWriteArrayList<>();

        ShardRuntime runtime = ShardRuntime.load(0, executor, new ReplayOnlyLog(log), told::addAll, () -> last,
                new GroupSettings(0, TimeUnit.DAYS.toMillis(7))).get(10, TimeUnit.SECONDS);

        assertEquals(Set.copyOf(told), Set.of(log.get(1), log.get(2), log.get(4), log.get(6), log.get(7)),
                "the commits of the last minute and the removals not committed again");
        runtime.close().get(10, TimeUnit.SECONDS);
    }

    private static GroupRecord.Offset offset(String group, PartitionId partition, long offset, long committedAt) {
        return new GroupRecord.Offset(group, partition, new CommittedOffset(offset, -1, "", committedAt));
    }
}
