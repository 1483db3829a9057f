package io.tributary.storage.internal;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertNull;
import static org.testng.Assert.assertSame;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.bookkeeper.mledger.Entry;
import org.apache.bookkeeper.mledger.ManagedCursor;
import org.apache.bookkeeper.mledger.ManagedLedger;
import org.apache.bookkeeper.mledger.impl.EntryImpl;
import org.testng.annotations.BeforeMethod;
import org.testng.annotations.Test;

public class ReadCursorsTest {

    private ManagedLedger ledger;
    private ReadCursors cursors;

    @BeforeMethod
    public void setUp() {
        ledger = mock(ManagedLedger.class);
        cursors = new ReadCursors(ledger, new ReadAheadBudget(1L << 20));
    }

    private static ManagedCursor cursor(String name) {
        ManagedCursor cursor = mock(ManagedCursor.class);
        when(cursor.getName()).thenReturn(name);
        return cursor;
    }

    private static Entry entry(long entryId, ByteBuf data) {
        return EntryImpl.create(1, entryId, data);
    }

    private static Entry entry(long entryId, int size) {
        ByteBuf data = Unpooled.buffer(size).writeZero(size);
        Entry entry = entry(entryId, data);
        data.release();
        return entry;
    }

    private ReadAhead readAhead(ManagedCursor cursor) {
        return new ReadAhead(ledger, cursor, new ReadAheadBudget(1L << 20));
    }

    @Test
    public void aParkedCursorComesBackOnceWithItsReadAhead() {
        ReadAhead ahead = readAhead(cursor("c1"));
        cursors.put(10, ahead);

        assertNull(cursors.take(9));
        assertSame(cursors.take(10).ahead(), ahead);
        assertNull(cursors.take(10));
    }

    @Test
    public void closingReleasesAReadAheadWhenItArrivesThenDeletesTheCursor() {
        ManagedCursor cursor = cursor("c1");
        when(cursor.hasMoreEntries()).thenReturn(true);
        ReadCallbacks reads = ReadCallbacks.of(cursor);
        ReadAhead ahead = readAhead(cursor);
        CompletableFuture<List<Entry>> first = ahead.next(100);
        reads.complete(0, List.of(entry(0, 8)));
        first.join().forEach(Entry::release);
        cursors.put(10, ahead);

        cursors.closeAll();
        verify(ledger, never()).asyncDeleteCursor(eq("c1"), any(), any());

        ByteBuf data = Unpooled.buffer(8).writeLong(7);
        Entry arrived = entry(1, data);
        data.release();
        reads.complete(1, List.of(arrived));
        assertEquals(data.refCnt(), 0);
        verify(ledger).asyncDeleteCursor(eq("c1"), any(), any());
        assertNull(cursors.take(10));
    }

    @Test
    public void aCursorPutBackAfterCloseIsDeletedWithItsEntries() {
        cursors.closeAll();
        ManagedCursor cursor = cursor("late");
        ReadAhead ahead = readAhead(cursor);
        ByteBuf data = Unpooled.buffer(8).writeLong(7);
        Entry unused = entry(0, data);
        data.release();
        ahead.unread(List.of(unused));

        cursors.put(3, ahead);

        assertNull(cursors.take(3));
        assertEquals(data.refCnt(), 0);
        verify(ledger).asyncDeleteCursor(eq("late"), any(), any());
    }

    @Test
    public void aSecondCursorForTheSameOffsetReplacesTheFirst() {
        ReadAhead second = readAhead(cursor("second"));
        cursors.put(5, readAhead(cursor("first")));
        cursors.put(5, second);

        verify(ledger).asyncDeleteCursor(eq("first"), any(), any());
        assertSame(cursors.take(5).ahead(), second);
    }
}
