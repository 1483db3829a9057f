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
 * back, so the next sequential read continues exactly there.
 */
final class LogReader {

    private static final int MAX_ENTRIES_PER_READ = 500;

    private final ManagedLedger ledger;
    private final EntryLocator locator;
    private final ReadCursors cursors;

    LogReader(ManagedLedger ledger, EntryLocator locator, ReadCursors cursors) {
        this.ledger = ledger;
        this.locator = locator;
        this.cursors = cursors;
    }

    CompletableFuture<List<DecodedBatch>> read(long fromOffset, int maxBytes) {
        ManagedCursor cached = cursors.take(fromOffset);
        CompletableFuture<ManagedCursor> cursor = cached != null
                ? CompletableFuture.completedFuture(cached)
                : locator.find(fromOffset).thenApply(found -> {
                    try {
                        return cursors.open(found.orElseThrow(() ->
                                new OffsetOutOfRangeException("no entry holds offset " + fromOffset)).position());
                    } catch (ManagedLedgerException e) {
                        throw new IllegalStateException(e);
                    }
                });
        return cursor.thenCompose(c -> LedgerReads.entries(c, MAX_ENTRIES_PER_READ, Math.max(1, maxBytes),
                        ledger.getLastConfirmedEntry())
                .handle((entries, failure) -> {
                    if (failure != null) {
                        cursors.delete(c);
                        throw failure instanceof RuntimeException r ? r : new IllegalStateException(failure);
                    }
                    return select(c, entries, fromOffset, maxBytes);
                }));
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
        cursors.put(next, cursor);
        return kept;
    }
}
