package io.tributary.storage.internal;

import io.tributary.conversion.EntryDecoder;
import io.tributary.conversion.EntryInfo;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.bookkeeper.mledger.AsyncCallbacks.ReadEntriesCallback;
import org.apache.bookkeeper.mledger.AsyncCallbacks.ReadEntryCallback;
import org.apache.bookkeeper.mledger.Entry;
import org.apache.bookkeeper.mledger.ManagedCursor;
import org.apache.bookkeeper.mledger.ManagedLedger;
import org.apache.bookkeeper.mledger.ManagedLedgerException;
import org.apache.bookkeeper.mledger.Position;

/** Managed-ledger reads as futures. */
public final class LedgerReads {

    private LedgerReads() {
    }

    /** The headers of the entry at {@code position}; the entry itself is released. */
    public static CompletableFuture<EntryInfo> info(ManagedLedger ledger, Position position) {
        CompletableFuture<EntryInfo> future = new CompletableFuture<>();
        ledger.asyncReadEntry(position, new ReadEntryCallback() {
            @Override
            public void readEntryComplete(Entry entry, Object ctx) {
                try {
                    future.complete(EntryDecoder.peek(entry.getDataBuffer()));
                } catch (RuntimeException e) {
                    future.completeExceptionally(e);
                } finally {
                    entry.release();
                }
            }

            @Override
            public void readEntryFailed(ManagedLedgerException exception, Object ctx) {
                future.completeExceptionally(exception);
            }
        }, null);
        return future;
    }

    /** Up to {@code maxEntries} entries from the cursor's read position, stopping at {@code maxPosition}. */
    public static CompletableFuture<List<Entry>> entries(ManagedCursor cursor, int maxEntries, long maxBytes,
                                                         Position maxPosition) {
        CompletableFuture<List<Entry>> future = new CompletableFuture<>();
        cursor.asyncReadEntries(maxEntries, maxBytes, new ReadEntriesCallback() {
            @Override
            public void readEntriesComplete(List<Entry> entries, Object ctx) {
                if (!future.complete(entries)) {
                    entries.forEach(Entry::release);
                }
            }

            @Override
            public void readEntriesFailed(ManagedLedgerException exception, Object ctx) {
                future.completeExceptionally(exception);
            }
        }, null, maxPosition);
        return future;
    }
}
