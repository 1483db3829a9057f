package io.tributary.storage.internal;

import io.tributary.conversion.DecodedBatch;
import io.tributary.conversion.EntryDecoder;
import io.tributary.spi.storage.CorruptBatchException;
import io.tributary.spi.storage.OffsetOutOfRangeException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.bookkeeper.mledger.Entry;
import org.apache.bookkeeper.mledger.ManagedLedgerException;

/**
 * Reads whole entries from an offset: through the cached cursor that stopped there, or a new cursor
 * placed by the locator. Each cursor reads ahead of its reader ({@link ReadAhead}), so that a reader
 * catching up finds its next entries already read, or on their way from the bookie, while it handles the
 * current ones. Entries beyond the byte budget go back to the read-ahead, where the next sequential read
 * starts.
 */
final class LogReader {

    private final EntryLocator locator;
    private final ReadCursors cursors;

    LogReader(EntryLocator locator, ReadCursors cursors) {
        this.locator = locator;
        this.cursors = cursors;
    }

    CompletableFuture<List<DecodedBatch>> read(long fromOffset, int maxBytes) {
        ReadCursors.Parked parked = cursors.take(fromOffset);
        if (parked == null) {
            return fresh(fromOffset, maxBytes);
        }
        return parked.ahead().next(Math.max(1, maxBytes)).handle((entries, failure) -> {
            if (failure == null) {
                return CompletableFuture.completedFuture(select(parked.ahead(), entries, fromOffset, maxBytes));
            }
            cursors.delete(parked);
            return fresh(fromOffset, maxBytes);
        }).thenCompose(read -> read);
    }

    private CompletableFuture<List<DecodedBatch>> fresh(long fromOffset, int maxBytes) {
        return locator.find(fromOffset).thenCompose(found -> {
            ReadAhead ahead;
            try {
                ahead = cursors.readAhead(found.orElseThrow(() ->
                        new OffsetOutOfRangeException("no entry holds offset " + fromOffset)).position());
            } catch (ManagedLedgerException e) {
                throw new IllegalStateException(e);
            }
            return ahead.next(Math.max(1, maxBytes)).handle((entries, failure) -> {
                if (failure != null) {
                    cursors.delete(ahead);
                    throw failure instanceof RuntimeException r ? r : new IllegalStateException(failure);
                }
                return select(ahead, entries, fromOffset, maxBytes);
            });
        });
    }

    private List<DecodedBatch> select(ReadAhead ahead, List<Entry> entries, long fromOffset, int maxBytes) {
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
            cursors.delete(ahead);
            throw e;
        }
        ahead.unread(entries.subList(i, entries.size()));
        cursors.put(next, ahead);
        return kept;
    }
}
