package io.tributary.storage.internal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.bookkeeper.mledger.AsyncCallbacks.DeleteCursorCallback;
import org.apache.bookkeeper.mledger.ManagedCursor;
import org.apache.bookkeeper.mledger.ManagedLedger;
import org.apache.bookkeeper.mledger.ManagedLedgerException;
import org.apache.bookkeeper.mledger.Position;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Non-durable cursors kept between sequential reads, keyed by the offset the next read starts at. A
 * reader takes a cursor out while it reads and puts it back under the next offset; cursors idle for
 * longer than the given time are deleted.
 */
final class ReadCursors {

    private static final Logger LOG = LoggerFactory.getLogger(ReadCursors.class);
    private static final int MAX_IDLE_CURSORS = 64;
    private static final AtomicLong NAMES = new AtomicLong();

    private record Idle(ManagedCursor cursor, long sinceNanos) {
    }

    private final ManagedLedger ledger;
    private final Map<Long, Idle> idle = new ConcurrentHashMap<>();

    ReadCursors(ManagedLedger ledger) {
        this.ledger = ledger;
    }

    /** A cursor whose next entry starts at {@code offset}, or null. */
    ManagedCursor take(long offset) {
        Idle found = idle.remove(offset);
        return found == null ? null : found.cursor;
    }

    /** A new cursor whose next read returns the entry at {@code position}. */
    ManagedCursor open(Position position) throws ManagedLedgerException {
        String name = "tributary-read-" + NAMES.incrementAndGet();
        return ledger.newNonDurableCursor(ledger.getPreviousPosition(position), name);
    }

    void put(long nextOffset, ManagedCursor cursor) {
        if (idle.size() >= MAX_IDLE_CURSORS) {
            delete(cursor);
            return;
        }
        Idle previous = idle.put(nextOffset, new Idle(cursor, System.nanoTime()));
        if (previous != null) {
            delete(previous.cursor);
        }
    }

    void evictIdle(long maxIdleNanos) {
        long now = System.nanoTime();
        idle.forEach((offset, entry) -> {
            if (now - entry.sinceNanos > maxIdleNanos && idle.remove(offset, entry)) {
                delete(entry.cursor);
            }
        });
    }

    void closeAll() {
        idle.forEach((offset, entry) -> {
            if (idle.remove(offset, entry)) {
                delete(entry.cursor);
            }
        });
    }

    void delete(ManagedCursor cursor) {
        ledger.asyncDeleteCursor(cursor.getName(), new DeleteCursorCallback() {
            @Override
            public void deleteCursorComplete(Object ctx) {
            }

            @Override
            public void deleteCursorFailed(ManagedLedgerException exception, Object ctx) {
                LOG.debug("Could not delete read cursor {}: {}", cursor.getName(), exception.getMessage());
            }
        }, null);
    }
}
