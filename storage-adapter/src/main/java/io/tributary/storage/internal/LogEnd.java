package io.tributary.storage.internal;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.bookkeeper.mledger.ManagedLedger;
import org.apache.bookkeeper.mledger.Position;
import org.apache.bookkeeper.mledger.impl.ManagedLedgerImpl;

/**
 * The log end offset: moved by this log's appends as they complete, and by entries other Pulsar
 * producers add, which the managed ledger announces to a waiting-entry callback while someone waits.
 */
final class LogEnd {

    private final ManagedLedger ledger;
    private final EndOffsetWaiters waiters = new EndOffsetWaiters();
    private final AtomicBoolean watching = new AtomicBoolean();
    private volatile long offset;
    private volatile Position lastPosition;

    LogEnd(ManagedLedger ledger, long offset, Position lastPosition) {
        this.ledger = ledger;
        this.offset = offset;
        this.lastPosition = lastPosition;
    }

    long offset() {
        return offset;
    }

    CompletableFuture<Long> current() {
        return CompletableFuture.completedFuture(offset);
    }

    void advance(long newEnd, Position position) {
        synchronized (this) {
            if (newEnd > offset) {
                offset = newEnd;
            }
            if (lastPosition == null || position.compareTo(lastPosition) > 0) {
                lastPosition = position;
            }
        }
        waiters.complete(offset);
    }

    /** Re-reads the end from the last confirmed entry when entries were added behind this log's back. */
    CompletableFuture<Long> refresh() {
        Position confirmed = ledger.getLastConfirmedEntry();
        if (confirmed == null || confirmed.getEntryId() < 0 || confirmed.equals(lastPosition)) {
            return current();
        }
        return LedgerReads.info(ledger, confirmed).thenApply(info -> {
            if (info.hasOffset()) {
                advance(info.lastOffset() + 1, confirmed);
            }
            return offset;
        });
    }

    CompletableFuture<Long> await(long target) {
        CompletableFuture<Long> future = waiters.await(target, this::offset);
        if (!future.isDone()) {
            watch();
            refresh();
        }
        return future;
    }

    void failWaiters(Throwable cause) {
        waiters.failAll(cause);
    }

    private void watch() {
        if (ledger instanceof ManagedLedgerImpl impl && watching.compareAndSet(false, true)) {
            impl.addWaitingEntryCallBack(() -> {
                watching.set(false);
                refresh().whenComplete((v, t) -> {
                    if (!waiters.isEmpty()) {
                        watch();
                    }
                });
            });
        }
    }
}
