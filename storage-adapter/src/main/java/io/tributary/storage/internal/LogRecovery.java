package io.tributary.storage.internal;

import io.tributary.conversion.EntryDecoder;
import io.tributary.conversion.EntryInfo;
import io.tributary.spi.storage.AppendResult;
import io.tributary.spi.storage.CorruptBatchException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.apache.bookkeeper.mledger.Entry;
import org.apache.bookkeeper.mledger.ManagedCursor;
import org.apache.bookkeeper.mledger.ManagedLedger;
import org.apache.bookkeeper.mledger.ManagedLedgerException;
import org.apache.bookkeeper.mledger.Position;
import org.apache.pulsar.broker.intercept.ManagedLedgerInterceptorImpl;

/**
 * Rebuilds a partition's state when it is loaded: the log end from the last entry's index, the log
 * start from the durable property and the first remaining entry, and the idempotent producers from
 * the last {@value #PRODUCER_SCAN_ENTRIES} entries. A producer whose last batch is older than that is
 * forgotten and may continue at any sequence.
 */
final class LogRecovery {

    static final String LOG_START_PROPERTY = "tributary.logStartOffset";
    static final int PRODUCER_SCAN_ENTRIES = 2000;
    private static final int SCAN_CHUNK = 100;

    record Recovered(long logStartOffset, long logEndOffset, Position lastPosition, ProducerStateTable producers) {
    }

    private final ManagedLedger ledger;
    private final EntryLocator locator;
    private final ReadCursors cursors;

    LogRecovery(ManagedLedger ledger, EntryLocator locator, ReadCursors cursors) {
        this.ledger = ledger;
        this.locator = locator;
        this.cursors = cursors;
    }

    CompletableFuture<Recovered> recover() {
        Position lastPosition = ledger.getLastConfirmedEntry();
        CompletableFuture<Optional<EntryLocator.Located>> last = locator.edge(true);
        CompletableFuture<Optional<EntryLocator.Located>> first = last.thenCompose(l -> locator.edge(false));
        return first.thenCompose(f -> {
            Optional<EntryLocator.Located> l = last.join();
            long end = l.map(located -> requireIndex(located).lastOffset() + 1).orElseGet(this::indexedEnd);
            long durableStart = Long.parseLong(ledger.getProperties().getOrDefault(LOG_START_PROPERTY, "0"));
            long start = Math.min(end, Math.max(durableStart, f.map(EntryLocator.Located::baseOffset).orElse(end)));
            ProducerStateTable producers = new ProducerStateTable();
            if (l.isEmpty()) {
                return CompletableFuture.completedFuture(new Recovered(start, end, lastPosition, producers));
            }
            return scanProducers(producers, lastPosition)
                    .thenApply(v -> new Recovered(start, end, lastPosition, producers));
        });
    }

    private long indexedEnd() {
        if (ledger.getManagedLedgerInterceptor() instanceof ManagedLedgerInterceptorImpl interceptor) {
            return interceptor.getIndex() + 1;
        }
        return 0;
    }

    private static EntryLocator.Located requireIndex(EntryLocator.Located located) {
        if (!located.info().hasOffset()) {
            throw new CorruptBatchException("entry " + located.position() + " has no broker index; enable "
                    + "AppendIndexMetadataInterceptor before the topic is written");
        }
        return located;
    }

    private CompletableFuture<Void> scanProducers(ProducerStateTable producers, Position lastPosition) {
        LedgerSpan span = LedgerSpan.of(ledger);
        Position from = span.position(Math.max(0, span.size() - PRODUCER_SCAN_ENTRIES));
        ManagedCursor cursor;
        try {
            cursor = cursors.open(from);
        } catch (ManagedLedgerException e) {
            return CompletableFuture.failedFuture(e);
        }
        return scan(cursor, producers, lastPosition).whenComplete((v, t) -> cursors.delete(cursor));
    }

    private CompletableFuture<Void> scan(ManagedCursor cursor, ProducerStateTable producers, Position lastPosition) {
        return LedgerReads.entries(cursor, SCAN_CHUNK, Long.MAX_VALUE, lastPosition).thenCompose(entries -> {
            replay(entries, producers);
            return entries.isEmpty() || !cursor.hasMoreEntries()
                    || cursor.getReadPosition().compareTo(lastPosition) > 0
                    ? CompletableFuture.completedFuture(null)
                    : scan(cursor, producers, lastPosition);
        });
    }

    private static void replay(List<Entry> entries, ProducerStateTable producers) {
        try {
            for (Entry entry : entries) {
                EntryInfo info = EntryDecoder.peek(entry.getDataBuffer());
                if (info.producer().idempotent() && info.hasOffset()) {
                    producers.restore(info.producer(), info.recordCount(),
                            new AppendResult(info.baseOffset(), info.brokerTimestamp(), -1, false));
                }
            }
        } finally {
            entries.forEach(Entry::release);
        }
    }
}
