package io.tributary.storage.internal;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import org.apache.bookkeeper.mledger.AsyncCallbacks.UpdatePropertiesCallback;
import org.apache.bookkeeper.mledger.ManagedLedger;
import org.apache.bookkeeper.mledger.ManagedLedgerException;

/**
 * The log start offset. Deleting records stores the new start in the managed ledger's property
 * {@value LogRecovery#LOG_START_PROPERTY} and asks the ledger to trim; whole ledgers go once
 * retention and subscriptions allow. The start also follows ledgers trimmed by retention.
 */
final class LogStart {

    private final ManagedLedger ledger;
    private final EntryLocator locator;
    private volatile long offset;
    private volatile Long firstLedgerSeen;
    private CompletableFuture<Long> updates = CompletableFuture.completedFuture(0L);

    LogStart(ManagedLedger ledger, EntryLocator locator, long offset) {
        this.ledger = ledger;
        this.locator = locator;
        this.offset = offset;
        this.firstLedgerSeen = firstLedger();
    }

    long offset() {
        return offset;
    }

    synchronized CompletableFuture<Long> advanceTo(long target) {
        updates = updates.handle((v, t) -> null).thenCompose(v -> target <= offset
                ? CompletableFuture.completedFuture(offset)
                : store(target));
        return updates;
    }

    void followTrimming() {
        Long first = firstLedger();
        if (!Objects.equals(first, firstLedgerSeen)) {
            firstLedgerSeen = first;
            locator.edge(false).thenAccept(found -> found.ifPresent(located -> raise(located.baseOffset())));
        }
    }

    private CompletableFuture<Long> store(long target) {
        CompletableFuture<Long> stored = new CompletableFuture<>();
        ledger.asyncSetProperty(LogRecovery.LOG_START_PROPERTY, Long.toString(target), new UpdatePropertiesCallback() {
            @Override
            public void updatePropertiesComplete(java.util.Map<String, String> properties, Object ctx) {
                raise(target);
                locator.forgetBelow(target);
                ledger.trimConsumedLedgersInBackground(new CompletableFuture<>());
                stored.complete(offset);
            }

            @Override
            public void updatePropertiesFailed(ManagedLedgerException exception, Object ctx) {
                stored.completeExceptionally(exception);
            }
        }, null);
        return stored;
    }

    private synchronized void raise(long candidate) {
        if (candidate > offset) {
            offset = candidate;
        }
    }

    private Long firstLedger() {
        var ledgers = ledger.getLedgersInfo();
        return ledgers.isEmpty() ? null : ledgers.firstKey();
    }
}
