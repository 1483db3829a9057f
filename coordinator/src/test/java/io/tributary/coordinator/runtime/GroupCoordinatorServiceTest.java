package io.tributary.coordinator.runtime;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertTrue;

import io.tributary.coordinator.state.GroupRecord;
import io.tributary.coordinator.state.GroupSettings;
import io.tributary.spi.topic.TopicName;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.testng.annotations.AfterMethod;
import org.testng.annotations.Test;

public class GroupCoordinatorServiceTest {

    private final ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1);
    private final List<Predicate<String>> unloaded = new CopyOnWriteArrayList<>();
    private final GroupCoordinatorService service = new GroupCoordinatorService(
            new TopicName("public", "__tributary", "groups"), 8,
            partition -> CompletableFuture.completedFuture(new ReplayOnlyLog(List.of())),
            new WrittenRecords() {
                @Override
                public void written(List<GroupRecord> records) {
                }

                @Override
                public void unloaded(Predicate<String> ofShard) {
                    unloaded.add(ofShard);
                }
            },
            executor, System::currentTimeMillis, new GroupSettings(0, TimeUnit.DAYS.toMillis(7)));

    @AfterMethod(alwaysRun = true)
    public void stop() {
        executor.shutdownNow();
    }

    @Test
    public void unloadingAShardTellsTheListenerItsGroupsButClosingDoesNot() throws Exception {
        String group = "readers";
        String elsewhere = otherPartitionThan(group);
        service.describeGroup(group).get(10, TimeUnit.SECONDS);
        service.describeGroup(elsewhere).get(10, TimeUnit.SECONDS);

        service.unload(service.partitionOf(group)).get(10, TimeUnit.SECONDS);
        assertEquals(unloaded.size(), 1);
        assertTrue(unloaded.get(0).test(group), "the unloaded shard's group");
        assertFalse(unloaded.get(0).test(elsewhere), "a group of another shard");

        service.close().get(10, TimeUnit.SECONDS);
        assertEquals(unloaded.size(), 1, "closing keeps what the listener holds for its last flush");
    }

    private String otherPartitionThan(String group) {
        for (int i = 0; ; i++) {
            String other = "group-" + i;
            if (service.partitionOf(other) != service.partitionOf(group)) {
                return other;
            }
        }
    }
}
