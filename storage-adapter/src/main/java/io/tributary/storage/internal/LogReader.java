package io.tributary.storage.internal;

import io.tributary.conversion.DecodedBatch;
import io.tributary.conversion.EntryDecoder;
import io.tributary.spi.storage.CorruptBatchException;
import io.tributary.spi.storage.OffsetOutOfRangeException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.bookkeeper.mledger.Entry;
import org.apache.bookkeeper.mledger.ManagedCursor;
import org.apache.bookkeeper.mledger.ManagedLedger;
import org.apache.bookkeeper.mledger.ManagedLedgerException;

/**
 * Reads whole entries from an offset: through the cached cursor that stopped there, or a new cursor
 * placed by the locator. Entries beyond the byte budget are handed back to the cursor by seeking it
 * back, so the next sequential read continues exactly there. A read with more entries behind it starts
 * reading those at once, so that a reader catching up finds its next entries already on their way from
 * the bookie while it handles the current ones.
 */
final class LogReader {

    private static final int MAX_ENTRIES_PER_READ = 500;
    private static final int MAX_READ_AHEAD_BYTES = 4 * 1024 * 1024;

    private final ManagedLedger ledger;
    private final EntryLocator locator;
    private final ReadCursors cursors;

    LogReader(ManagedLedger ledger, EntryLocator locator, ReadCursors cursors) {
        this.ledger = ledger;
        this.locator = locator;
        this.cursors = cursors;
    }

    CompletableFuture<List<DecodedBatch>> read(long fromOffset, int maxBytes) {
        ReadCursors.Parked parked = cursors.take(fromOffset);
        if (parked == null) {
            return fresh(fromOffset, maxBytes);
        }
        if (parked.ahead() == null) {
            return selectWhenRead(parked.cursor(), entries(parked.cursor(), maxBytes), fromOffset, maxBytes);
        }
        return parked.ahead().handle((entries, failure) -> {
            if (failure == null) {
                return CompletableFuture.completedFuture(select(parked.cursor(), entries, fromOffset, maxBytes));
            }
            cursors.delete(parked.cursor());
            return fresh(fromOffset, maxBytes);
        }).thenCompose(read -> read);
    }

    private CompletableFuture<List<DecodedBatch>> fresh(long fromOffset, int maxBytes) {
        return locator.find(fromOffset).thenCompose(found -> {
            ManagedCursor cursor;
            try {
                cursor = cursors.open(found.orElseThrow(() ->
                        new OffsetOutOfRangeException("no entry holds offset " + fromOffset)).position());
            } catch (ManagedLedgerException e) {
                throw new IllegalStateException(e);
            }
            return selectWhenRead(cursor, entries(cursor, maxBytes), fromOffset, maxBytes);
        });
    }

    private CompletableFuture<List<Entry>> entries(ManagedCursor cursor, int maxBytes) {
        return LedgerReads.entries(cursor, MAX_ENTRIES_PER_READ, Math.max(1, maxBytes), ledger.getLastConfirmedEntry());
    }

    private CompletableFuture<List<DecodedBatch>> selectWhenRead(ManagedCursor cursor,
                                                                 CompletableFuture<List<Entry>> read,
                                                                 long fromOffset, int maxBytes) {
        return read.handle((entries, failure) -> {
            if (failure != null) {
                cursors.delete(cursor);
                throw failure instanceof RuntimeException r ? r : new IllegalStateException(failure);
            }
            return select(cursor, entries, fromOffset, maxBytes);
        });
    }

    private List<DecodedBatch> select(ManagedCursor cursor, List<Entry> entries, long fromOffset, int maxBytes) {
        List<DecodedBatch> kept = new ArrayList<>();
        long next = fromOffset;
        long bytes = 0;
        int i = 0;
        try {
            for (; i < entries.size(); i++) {
                Entry entry = entries.get(i);
                DecodedBatch batch = EntryDecoder.decode(entry.getDataBuffer());
                if (!batch.info().hasOffset()) {
                    batch.release();
                    throw new CorruptBatchException("entry " + entry.getPosition() + " has no broker index");
                }
                if (batch.info().lastOffset() < fromOffset) {
                    batch.release();
                    entry.release();
                    continue;
                }
                if (!kept.isEmpty() && bytes + batch.sizeInBytes() > maxBytes) {
                    batch.release();
                    cursor.seek(entry.getPosition(), true);
                    break;
                }
                kept.add(batch);
                bytes += batch.sizeInBytes();
                next = batch.info().lastOffset() + 1;
                entry.release();
            }
        } catch (RuntimeException e) {
            kept.forEach(DecodedBatch::release);
            entries.subList(i, entries.size()).forEach(Entry::release);
            cursors.delete(cursor);
            throw e;
        }
        for (int j = i; j < entries.size(); j++) {
            entries.get(j).release();
        }
        cursors.put(next, cursor, !kept.isEmpty() && cursor.hasMoreEntries()
                ? entries(cursor, Math.min(maxBytes, MAX_READ_AHEAD_BYTES)) : null);
        return kept;
    }
}
