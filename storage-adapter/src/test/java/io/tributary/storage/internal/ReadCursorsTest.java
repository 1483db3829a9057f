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
        cursors = new ReadCursors(ledger);
    }

    private static ManagedCursor cursor(String name) {
        ManagedCursor cursor = mock(ManagedCursor.class);
        when(cursor.getName()).thenReturn(name);
        return cursor;
    }

    private static Entry entry(long entryId, ByteBuf data) {
        return EntryImpl.create(1, entryId, data);
    }

    @Test
    public void aParkedCursorComesBackOnceWithItsReadAhead() {
        ManagedCursor cursor = cursor("c1");
        CompletableFuture<List<Entry>> ahead = new CompletableFuture<>();
        cursors.put(10, cursor, ahead);

        assertNull(cursors.take(9));
        ReadCursors.Parked parked = cursors.take(10);
        assertSame(parked.cursor(), cursor);
        assertSame(parked.ahead(), ahead);
        assertNull(cursors.take(10));
    }

    @Test
    public void closingReleasesAReadAheadWhenItArrivesThenDeletesTheCursor() {
        ManagedCursor cursor = cursor("c1");
        CompletableFuture<List<Entry>> ahead = new CompletableFuture<>();
        cursors.put(10, cursor, ahead);

        cursors.closeAll();
        verify(ledger, never()).asyncDeleteCursor(eq("c1"), any(), any());

        ByteBuf data = Unpooled.buffer(8).writeLong(7);
        Entry arrived = entry(0, data);
        data.release();
        ahead.complete(List.of(arrived));
        assertEquals(data.refCnt(), 0);
        verify(ledger).asyncDeleteCursor(eq("c1"), any(), any());
        assertNull(cursors.take(10));
    }

    @Test
    public void aCursorPutBackAfterCloseIsDeletedWithItsEntries() {
        cursors.closeAll();
        ManagedCursor cursor = cursor("late");
        ByteBuf data = Unpooled.buffer(8).writeLong(7);
        Entry arrived = entry(0, data);
        data.release();

        cursors.put(3, cursor, CompletableFuture.completedFuture(List.of(arrived)));

        assertNull(cursors.take(3));
        assertEquals(data.refCnt(), 0);
        verify(ledger).asyncDeleteCursor(eq("late"), any(), any());
    }

    @Test
    public void aSecondCursorForTheSameOffsetReplacesTheFirst() {
        ManagedCursor first = cursor("first");
        ManagedCursor second = cursor("second");
        cursors.put(5, first, null);
        cursors.put(5, second, null);

        verify(ledger).asyncDeleteCursor(eq("first"), any(), any());
        assertSame(cursors.take(5).cursor(), second);
    }
}
