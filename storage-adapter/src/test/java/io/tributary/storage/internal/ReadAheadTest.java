package io.tributary.storage.internal;

import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;
import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertTrue;
import static org.testng.Assert.expectThrows;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.apache.bookkeeper.mledger.Entry;
import org.apache.bookkeeper.mledger.ManagedCursor;
import org.apache.bookkeeper.mledger.ManagedLedger;
import org.apache.bookkeeper.mledger.ManagedLedgerException;
import org.apache.bookkeeper.mledger.impl.EntryImpl;
import org.testng.annotations.AfterMethod;
import org.testng.annotations.BeforeMethod;
import org.testng.annotations.Test;

public class ReadAheadTest {

    private ManagedCursor cursor;
    private ReadCallbacks reads;
    private ReadAheadBudget budget;
    private ReadAhead ahead;
    private final List<ByteBuf> buffers = new ArrayList<>();

    @BeforeMethod
    public void setUp() {
        cursor = mock(ManagedCursor.class);
        when(cursor.hasMoreEntries()).thenReturn(true);
        reads = ReadCallbacks.of(cursor);
        budget = new ReadAheadBudget(1L << 20);
        ahead = new ReadAhead(mock(ManagedLedger.class), cursor, budget);
    }

    private void budgetOf(long bytes) {
        budget = new ReadAheadBudget(bytes);
        ahead = new ReadAhead(mock(ManagedLedger.class), cursor, budget);
    }

    @AfterMethod
    public void everyEntryIsReleased() {
        ahead.close();
        for (ByteBuf buffer : buffers) {
            assertEquals(buffer.refCnt(), 0);
        }
        buffers.clear();
    }

    private List<Entry> entries(long firstId, int count, int size) {
        List<Entry> entries = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ByteBuf data = Unpooled.buffer(size).writeZero(size);
            entries.add(EntryImpl.create(1, firstId + i, data));
            data.release();
            buffers.add(data);
        }
        return entries;
    }

    private static List<Long> ids(List<Entry> entries) {
        List<Long> ids = entries.stream().map(Entry::getEntryId).toList();
        entries.forEach(Entry::release);
        return ids;
    }

    /** Reads 0-9 (100 bytes each) with a budget of 1000; the read-ahead's next read is then under way. */
    private void takeTheFirstTenEntries() {
        CompletableFuture<List<Entry>> first = ahead.next(1000);
        reads.complete(0, entries(0, 10, 100));
        assertEquals(ids(first.join()), List.of(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L));
    }

    @Test
    public void theFirstReadAsksForTheBudgetAndReadingGoesOnAtOnce() {
        CompletableFuture<List<Entry>> first = ahead.next(1000);
        assertEquals(reads.count(), 1);
        assertEquals(reads.maxBytes(0), 1000);
        assertFalse(first.isDone());

        reads.complete(0, entries(0, 10, 100));

        assertEquals(ids(first.join()), List.of(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L));
        assertEquals(reads.count(), 2);
        assertEquals(reads.maxBytes(1), 1000, "twice the budget less the 1000 bytes that had arrived");
    }

    @Test
    public void keepsReadingWhileTheReaderIsAwayUntilItHoldsTwiceTheBudget() {
        takeTheFirstTenEntries();

        reads.complete(1, entries(10, 5, 100));
        assertEquals(reads.count(), 3);
        assertEquals(reads.maxBytes(2), 1500);
        reads.complete(2, entries(15, 15, 100));
        assertEquals(reads.count(), 3, "holds 2000 bytes: no further read");

        CompletableFuture<List<Entry>> second = ahead.next(1000);
        assertTrue(second.isDone(), "enough was already read");
        assertEquals(ids(second.join()), List.of(10L, 11L, 12L, 13L, 14L, 15L, 16L, 17L, 18L, 19L));
        assertEquals(reads.count(), 4);
        assertEquals(reads.maxBytes(3), 1000);
    }

    @Test
    public void eachReadAheadBringsAtLeastHalfOfTwiceTheBudget() {
        takeTheFirstTenEntries();

        reads.complete(1, entries(10, 17, 100));

        assertEquals(reads.count(), 3);
        assertEquals(reads.maxBytes(2), 1000, "300 bytes short of 2000, but reads are at least 1000");
        assertEquals(budget.heldBytes(), 1700 + 1000);
    }

    @Test
    public void aReaderShortOfItsBudgetWaitsForTheReadUnderWayOnly() {
        takeTheFirstTenEntries();
        reads.complete(1, entries(10, 3, 100));

        CompletableFuture<List<Entry>> second = ahead.next(1000);
        assertFalse(second.isDone(), "300 bytes here and a read under way");
        reads.complete(2, entries(13, 2, 100));

        assertEquals(ids(second.join()), List.of(10L, 11L, 12L, 13L, 14L));
    }

    @Test
    public void stopsAtTheEndOfTheLedgerAndHandsOutWhatItHas() {
        takeTheFirstTenEntries();
        when(cursor.hasMoreEntries()).thenReturn(false);
        reads.complete(1, entries(10, 2, 100));

        assertEquals(reads.count(), 2);
        CompletableFuture<List<Entry>> second = ahead.next(1000);
        assertTrue(second.isDone());
        assertEquals(ids(second.join()), List.of(10L, 11L));
    }

    @Test
    public void handsOutAtLeastOneEntryLargerThanTheBudget() {
        CompletableFuture<List<Entry>> first = ahead.next(10);
        reads.complete(0, entries(0, 2, 100));

        assertEquals(ids(first.join()), List.of(0L));
    }

    @Test
    public void entriesGivenBackComeFirstInTheirOrder() {
        CompletableFuture<List<Entry>> first = ahead.next(1000);
        reads.complete(0, entries(0, 10, 100));
        List<Entry> taken = first.join();
        ahead.unread(taken.subList(7, 10));
        ids(taken.subList(0, 7));
        reads.complete(1, entries(10, 20, 100));

        assertEquals(budget.heldBytes(), 300 + 2000, "the entries given back count again");

        assertEquals(ids(ahead.next(500).join()), List.of(7L, 8L, 9L, 10L, 11L));
        assertEquals(budget.heldBytes(), 1800);
    }

    @Test
    public void aFailedReadFailsTheReaderOnceWhatArrivedBeforeIsHandedOut() {
        takeTheFirstTenEntries();
        reads.complete(1, entries(10, 5, 100));
        reads.fail(2, new ManagedLedgerException("bookie gone"));

        assertEquals(ids(ahead.next(1000).join()), List.of(10L, 11L, 12L, 13L, 14L));
        CompletionException failed = expectThrows(CompletionException.class, () -> ahead.next(1000).join());
        assertEquals(failed.getCause().getMessage(), "bookie gone");
        assertEquals(reads.count(), 3, "no read after a failure");
    }

    @Test
    public void closingReleasesWhatIsHereAndWhatArrivesThenCompletes() {
        takeTheFirstTenEntries();
        reads.complete(1, entries(10, 5, 100));

        CompletableFuture<Void> closed = ahead.close();
        assertFalse(closed.isDone(), "a read is under way");
        reads.complete(2, entries(15, 15, 100));

        assertTrue(closed.isDone());
        assertEquals(reads.count(), 3);
    }

    @Test
    public void whatItHoldsAndIsReadingCountsAgainstTheBudgetUntilTakenOrClosed() {
        takeTheFirstTenEntries();
        assertEquals(budget.heldBytes(), 1000, "the read ahead under way");
        reads.complete(1, entries(10, 5, 100));
        assertEquals(budget.heldBytes(), 500 + 1500, "five entries here and the next read under way");

        assertEquals(ids(ahead.next(300).join()), List.of(10L, 11L, 12L));
        assertEquals(budget.heldBytes(), 200 + 1500);

        CompletableFuture<Void> closed = ahead.close();
        assertEquals(budget.heldBytes(), 1500, "the read under way still counts");
        reads.complete(2, entries(15, 15, 100));
        assertTrue(closed.isDone());
        assertEquals(budget.heldBytes(), 0);
    }

    @Test
    public void readsAheadOnlyWhileTheBudgetHasRoomAndReadsWhenAskedOtherwise() {
        budgetOf(1500);
        takeTheFirstTenEntries();
        assertEquals(reads.count(), 1, "reading 2000 bytes ahead does not fit in 1500");
        assertEquals(budget.heldBytes(), 0);
        assertEquals(budget.refusedReads(), 2, "once when the entries arrived, once when they were taken");

        CompletableFuture<List<Entry>> second = ahead.next(1000);
        assertEquals(reads.count(), 2, "the reader's own read is made");
        assertEquals(reads.maxBytes(1), 1000);
        reads.complete(1, entries(10, 10, 100));
        assertEquals(ids(second.join()), List.of(10L, 11L, 12L, 13L, 14L, 15L, 16L, 17L, 18L, 19L));
    }

    @Test
    public void aBudgetOfZeroReadsOnlyWhenAskedAndCountsNoRefusal() {
        budgetOf(0);
        takeTheFirstTenEntries();
        assertEquals(reads.count(), 1, "no reading ahead");
        assertEquals(budget.refusedReads(), 0, "reading ahead is off, not refused");
        assertEquals(budget.heldBytes(), 0);
    }

    @Test
    public void aReaderWhoseOwnReadOverdrawsTheBudgetStillGetsIt() {
        budgetOf(500);
        CompletableFuture<List<Entry>> first = ahead.next(1000);
        assertEquals(reads.count(), 1);
        assertEquals(budget.heldBytes(), 1000);
        reads.complete(0, entries(0, 10, 100));

        assertEquals(ids(first.join()), List.of(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L));
        assertEquals(budget.heldBytes(), 0);
        assertEquals(reads.count(), 1, "no room to read ahead");
    }

    @Test
    public void readAheadsShareOneBudget() {
        budgetOf(2500);
        ManagedCursor otherCursor = mock(ManagedCursor.class);
        when(otherCursor.hasMoreEntries()).thenReturn(true);
        ReadCallbacks otherReads = ReadCallbacks.of(otherCursor);
        ReadAhead other = new ReadAhead(mock(ManagedLedger.class), otherCursor, budget);

        takeTheFirstTenEntries();
        reads.complete(1, entries(10, 10, 100));
        reads.complete(2, entries(20, 10, 100));
        assertEquals(budget.heldBytes(), 2000, "this reader holds twice its budget");
        assertEquals(reads.count(), 3);

        CompletableFuture<List<Entry>> theOthers = other.next(1000);
        otherReads.complete(0, entries(0, 10, 100));
        assertEquals(ids(theOthers.join()).size(), 10);
        assertEquals(otherReads.count(), 1, "500 bytes left: the other reader does not read ahead");

        assertEquals(ids(ahead.next(1000).join()).size(), 10);
        assertEquals(reads.count(), 4);
        assertEquals(budget.heldBytes(), 1000 + 1000, "this reader holds its next 1000 and reads 1000 more");
        other.close();
    }
}
