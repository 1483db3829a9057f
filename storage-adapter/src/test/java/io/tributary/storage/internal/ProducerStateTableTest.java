package io.tributary.storage.internal;

import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertNull;
import static org.testng.Assert.assertSame;
import static org.testng.Assert.assertThrows;

import io.tributary.spi.storage.AppendResult;
import io.tributary.spi.storage.OutOfOrderSequenceException;
import io.tributary.spi.storage.ProducerFencedException;
import io.tributary.spi.storage.ProducerInfo;
import java.util.concurrent.CompletableFuture;
import org.testng.annotations.BeforeMethod;
import org.testng.annotations.Test;

public class ProducerStateTableTest {

    private ProducerStateTable table;

    @BeforeMethod
    public void newTable() {
        table = new ProducerStateTable();
    }

    private CompletableFuture<AppendResult> append(long id, int epoch, int sequence, int count) {
        CompletableFuture<AppendResult> result = new CompletableFuture<>();
        CompletableFuture<AppendResult> original = table.checkAndRecord(
                new ProducerInfo(id, (short) epoch, sequence), count, result);
        assertNull(original, "expected a new batch");
        return result;
    }

    private CompletableFuture<AppendResult> duplicateOf(long id, int epoch, int sequence, int count) {
        return table.checkAndRecord(new ProducerInfo(id, (short) epoch, sequence), count, new CompletableFuture<>());
    }

    @Test
    public void acceptsConsecutiveBatchesAndFindsDuplicates() {
        CompletableFuture<AppendResult> first = append(1, 0, 0, 3);
        CompletableFuture<AppendResult> second = append(1, 0, 3, 2);
        assertSame(duplicateOf(1, 0, 0, 3), first);
        assertSame(duplicateOf(1, 0, 3, 2), second);
    }

    @Test
    public void remembersOnlyTheLastFiveBatches() {
        append(1, 0, 0, 1);
        for (int s = 1; s <= ProducerStateTable.RETAINED_BATCHES; s++) {
            append(1, 0, s, 1);
        }
        assertThrows(OutOfOrderSequenceException.class, () -> duplicateOf(1, 0, 0, 1));
        assertFalse(duplicateOf(1, 0, 1, 1).isDone());
    }

    @Test
    public void rejectsGaps() {
        append(1, 0, 0, 2);
        assertThrows(OutOfOrderSequenceException.class, () -> append(1, 0, 5, 1));
        append(1, 0, 2, 1);
    }

    @Test
    public void fencesOlderEpochs() {
        append(1, 2, 0, 1);
        assertThrows(ProducerFencedException.class, () -> append(1, 1, 1, 1));
    }

    @Test
    public void newEpochMustStartAtZero() {
        append(1, 0, 0, 4);
        assertThrows(OutOfOrderSequenceException.class, () -> append(1, 1, 4, 1));
        append(1, 1, 0, 1);
        append(1, 1, 1, 1);
    }

    @Test
    public void unknownProducerMayStartAnywhereAndProducersAreIndependent() {
        append(1, 0, 100, 1);
        append(2, 0, 0, 1);
        append(1, 0, 101, 1);
        append(2, 0, 1, 1);
    }

    @Test
    public void sequencesWrapAround() {
        append(1, 0, Integer.MAX_VALUE - 1, 2);
        append(1, 0, 0, 1);
    }

    @Test
    public void restoredBatchesAreDuplicates() {
        AppendResult stored = new AppendResult(10, 5, 0, false);
        table.restore(new ProducerInfo(7, (short) 1, 0), 2, stored);
        table.restore(new ProducerInfo(7, (short) 1, 2), 2, new AppendResult(12, 5, 0, false));
        assertSame(duplicateOf(7, 1, 0, 2).join(), stored);
        assertThrows(OutOfOrderSequenceException.class, () -> append(7, 1, 5, 1));
        append(7, 1, 4, 1);
        assertThrows(ProducerFencedException.class, () -> append(7, 0, 0, 1));
    }
}
