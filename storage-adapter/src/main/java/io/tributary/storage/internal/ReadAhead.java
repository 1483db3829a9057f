package io.tributary.storage.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.bookkeeper.mledger.Entry;
import org.apache.bookkeeper.mledger.ManagedCursor;
import org.apache.bookkeeper.mledger.ManagedLedger;

/**
 * The entries a sequential reader will ask for next, read through its cursor before it asks. After each
 * read it hands out, it keeps reading, one read after another, until it holds its target of twice the
 * reader's budget (at most {@link #MAX_AHEAD_BYTES}, or the budget itself when that is more) or the cursor
 * reaches the end of the ledger; each read brings at least half the target. The bookie streams the log
 * while the reader handles the entries it has, as a disk reads ahead of a file read in order. Everything
 * it holds counts against the broker's {@link ReadAheadBudget}; it reads ahead only while that has room,
 * and otherwise reads when its reader asks.
 */
final class ReadAhead {

    private static final long MAX_AHEAD_BYTES = 4 * 1024 * 1024;
    private static final int MAX_ENTRIES_PER_READ = 500;

    private final ManagedLedger ledger;
    private final ManagedCursor cursor;
    private final ReadAheadBudget budget;
    private final ArrayDeque<Entry> buffered = new ArrayDeque<>();
    private long bufferedBytes;
    private long targetBytes;
    private long readingBytes;
    private CompletableFuture<Void> reading;
    private Throwable failure;
    private boolean closed;

    ReadAhead(ManagedLedger ledger, ManagedCursor cursor, ReadAheadBudget budget) {
        this.ledger = ledger;
        this.cursor = cursor;
        this.budget = budget;
    }

    ManagedCursor cursor() {
        return cursor;
    }

    /**
     * The next entries, about {@code maxBytes} of them and at least one if the ledger has any: at once when
     * that much is already here or nothing is on its way, otherwise as soon as the read under way arrives.
     */
    CompletableFuture<List<Entry>> next(long maxBytes) {
        Read read = null;
        CompletableFuture<Void> arrival;
        synchronized (this) {
            targetBytes = Math.max(maxBytes, Math.min(2 * maxBytes, MAX_AHEAD_BYTES));
            if (reading == null && failure == null && !closed && bufferedBytes < maxBytes
                    && (buffered.isEmpty() || cursor.hasMoreEntries())) {
                read = claimRead(maxBytes - bufferedBytes);
                budget.hold(read.bytes());
            }
            arrival = bufferedBytes >= maxBytes || failure != null ? null : reading;
        }
        issue(read);
        if (arrival == null) {
            return take(maxBytes);
        }
        return arrival.thenCompose(arrived -> take(maxBytes));
    }

    /** Gives back entries taken but not used, in their order, so that the next read starts with them. */
    synchronized void unread(List<Entry> entries) {
        if (closed) {
            entries.forEach(Entry::release);
            return;
        }
        for (int i = entries.size() - 1; i >= 0; i--) {
            Entry entry = entries.get(i);
            buffered.addFirst(entry);
            bufferedBytes += entry.getLength();
            budget.hold(entry.getLength());
        }
    }

    /** Releases what is here and, when it arrives, what is on its way; completes once nothing is. */
    CompletableFuture<Void> close() {
        CompletableFuture<Void> idle;
        synchronized (this) {
            closed = true;
            buffered.forEach(Entry::release);
            buffered.clear();
            budget.release(bufferedBytes);
            bufferedBytes = 0;
            idle = reading == null ? CompletableFuture.completedFuture(null) : reading;
        }
        return idle;
    }

    private CompletableFuture<List<Entry>> take(long maxBytes) {
        List<Entry> taken = new ArrayList<>();
        Read read;
        synchronized (this) {
            if (buffered.isEmpty() && failure != null) {
                return CompletableFuture.failedFuture(failure);
            }
            long bytes = 0;
            while (!buffered.isEmpty() && (taken.isEmpty() || bytes + buffered.peekFirst().getLength() <= maxBytes)) {
                Entry entry = buffered.pollFirst();
                bytes += entry.getLength();
                taken.add(entry);
            }
            bufferedBytes -= bytes;
            budget.release(bytes);
            read = readOnIfShort();
        }
        issue(read);
        return CompletableFuture.completedFuture(taken);
    }

    /** A read to issue once the lock is released, so that the managed ledger is never called under it. */
    private record Read(long bytes, CompletableFuture<Void> arrival) {
    }

    /**
     * The next read ahead while short of the target: at least half the target at a time, so that the bookie
     * streams a few large reads rather than many small ones, each of which waits for the one before.
     */
    private Read readOnIfShort() {
        if (reading == null && failure == null && !closed && bufferedBytes < targetBytes && cursor.hasMoreEntries()) {
            long bytes = Math.max(targetBytes - bufferedBytes, targetBytes / 2);
            if (budget.tryHold(bytes)) {
                return claimRead(bytes);
            }
        }
        return null;
    }

    /** Marks a read under way; the caller has counted its bytes against the budget. */
    private Read claimRead(long bytes) {
        reading = new CompletableFuture<>();
        readingBytes = bytes;
        return new Read(bytes, reading);
    }

    private void issue(Read read) {
        if (read == null) {
            return;
        }
        LedgerReads.entries(cursor, MAX_ENTRIES_PER_READ, Math.max(1, read.bytes()), ledger.getLastConfirmedEntry())
                .whenComplete((entries, error) -> {
                    issue(arrived(entries, error));
                    read.arrival().complete(null);
                });
    }

    private synchronized Read arrived(List<Entry> entries, Throwable error) {
        reading = null;
        budget.release(readingBytes);
        readingBytes = 0;
        if (error != null) {
            failure = error;
            return null;
        }
        if (closed) {
            entries.forEach(Entry::release);
            return null;
        }
        long arrivedBytes = 0;
        for (Entry entry : entries) {
            buffered.addLast(entry);
            arrivedBytes += entry.getLength();
        }
        bufferedBytes += arrivedBytes;
        budget.hold(arrivedBytes);
        return entries.isEmpty() ? null : readOnIfShort();
    }
}
