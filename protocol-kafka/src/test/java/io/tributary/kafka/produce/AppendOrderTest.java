package io.tributary.kafka.produce;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertTrue;

import io.tributary.spi.storage.PartitionLog;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.mockito.Mockito;
import org.testng.annotations.BeforeMethod;
import org.testng.annotations.Test;

public class AppendOrderTest {

    private final PartitionLog log = Mockito.mock(PartitionLog.class);
    private AppendOrder order;
    private List<String> appended;

    @BeforeMethod
    public void fresh() {
        order = new AppendOrder();
        appended = new ArrayList<>();
    }

    @Test
    public void aLaterRequestWaitsUntilTheEarlierOneHasAppended() {
        CompletableFuture<PartitionLog> slowOpen = new CompletableFuture<>();
        CompletableFuture<String> firstDurable = new CompletableFuture<>();

        CompletableFuture<String> first = order.inOrder("t-0", () -> slowOpen, l -> record("first", firstDurable));
        CompletableFuture<String> second = order.inOrder("t-0", () -> CompletableFuture.completedFuture(log),
                l -> record("second", CompletableFuture.completedFuture("second")));

        assertEquals(appended, List.of(), "the second request must not overtake the first");
        slowOpen.complete(log);
        assertEquals(appended, List.of("first", "second"));
        assertTrue(second.isDone(), "appends stay pipelined: the second does not wait for the first to be durable");
        assertFalse(first.isDone());
        firstDurable.complete("first");
        assertEquals(first.join(), "first");
    }

    @Test
    public void aFailedOpenDoesNotBlockTheNextRequest() {
        CompletableFuture<String> failed = order.inOrder("t-0",
                () -> CompletableFuture.failedFuture(new IllegalStateException("no log")), l -> record("never", null));
        CompletableFuture<String> next = order.inOrder("t-0", () -> CompletableFuture.completedFuture(log),
                l -> record("next", CompletableFuture.completedFuture("next")));

        assertTrue(failed.isCompletedExceptionally());
        assertEquals(next.join(), "next");
        assertEquals(appended, List.of("next"));
    }

    @Test
    public void partitionsDoNotWaitForEachOther() {
        CompletableFuture<PartitionLog> never = new CompletableFuture<>();
        order.inOrder("t-0", () -> never, l -> record("t-0", null));

        CompletableFuture<String> other = order.inOrder("t-1", () -> CompletableFuture.completedFuture(log),
                l -> record("t-1", CompletableFuture.completedFuture("t-1")));

        assertEquals(other.join(), "t-1");
    }

    private CompletableFuture<String> record(String name, CompletableFuture<String> result) {
        appended.add(name);
        return result;
    }
}
