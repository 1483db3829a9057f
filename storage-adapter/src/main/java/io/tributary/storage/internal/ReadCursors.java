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
 * reader takes a cursor out while it reads and puts it back under the next offset, with the entries it
 * reads ahead of that next read; cursors idle for longer than the given time are deleted and their
 * entries released.
 */
final class ReadCursors {

    private static final Logger LOG = LoggerFactory.getLogger(ReadCursors.class);
    private static final int MAX_IDLE_CURSORS = 64;
    private static final AtomicLong NAMES = new AtomicLong();

    /** A cursor between reads, with the entries read ahead through it. */
    record Parked(ReadAhead ahead, long sinceNanos) {
    }

    private final ManagedLedger ledger;
    private final ReadAheadBudget budget;
    private final Map<Long, Parked> idle = new ConcurrentHashMap<>();
    private volatile boolean closed;

    ReadCursors(ManagedLedger ledger, ReadAheadBudget budget) {
        this.ledger = ledger;
        this.budget = budget;
    }

    /** The cursor whose next entry starts at {@code offset}, or null. */
    Parked take(long offset) {
        return idle.remove(offset);
    }

    /** A new cursor whose next read returns the entry at {@code position}. */
    ManagedCursor open(Position position) throws ManagedLedgerException {
        String name = "tributary-read-" + NAMES.incrementAndGet();
        return ledger.newNonDurableCursor(ledger.getPreviousPosition(position), name);
    }

    /** A new cursor, reading ahead within the broker's budget, whose next entry is the one at {@code position}. */
    ReadAhead readAhead(Position position) throws ManagedLedgerException {
        return new ReadAhead(ledger, open(position), budget);
    }

    void put(long nextOffset, ReadAhead ahead) {
        Parked parked = new Parked(ahead, System.nanoTime());
        if (closed || idle.size() >= MAX_IDLE_CURSORS) {
            delete(parked);
            return;
        }
        Parked previous = idle.put(nextOffset, parked);
        if (previous != null) {
            delete(previous);
        }
        if (closed && idle.remove(nextOffset, parked)) {
            delete(parked);
        }
    }

    void evictIdle(long maxIdleNanos) {
        long now = System.nanoTime();
        idle.forEach((offset, parked) -> {
            if (now - parked.sinceNanos > maxIdleNanos && idle.remove(offset, parked)) {
                delete(parked);
            }
        });
    }

    /** Deletes every parked cursor, and from now on every cursor put back. */
    void closeAll() {
        closed = true;
        idle.forEach((offset, parked) -> {
            if (idle.remove(offset, parked)) {
                delete(parked);
            }
        });
    }

    void delete(Parked parked) {
        delete(parked.ahead);
    }

    /** Deletes the cursor once any read it has under way is over, releasing what it read ahead. */
    void delete(ReadAhead ahead) {
        ahead.close().whenComplete((idle, failure) -> delete(ahead.cursor()));
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
