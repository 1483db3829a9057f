package io.tributary.storage.internal;

import io.tributary.conversion.EntryInfo;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.Predicate;
import org.apache.bookkeeper.mledger.ManagedLedger;
import org.apache.bookkeeper.mledger.Position;

/**
 * Finds entries by offset or time with a binary search over the managed ledger's entries, reading
 * one entry's headers per step. Entries recently appended or found are remembered, so reads near the
 * tail usually need no search.
 */
public final class EntryLocator {

    private static final int REMEMBERED = 4096;

    private final ManagedLedger ledger;
    private final ConcurrentSkipListMap<Long, Located> byLastOffset = new ConcurrentSkipListMap<>();

    public EntryLocator(ManagedLedger ledger) {
        this.ledger = ledger;
    }

    /** The entry of the record at {@code offset}, or empty when no confirmed entry holds it. */
    public CompletableFuture<Optional<Located>> find(long offset) {
        Map.Entry<Long, Located> hit = byLastOffset.ceilingEntry(offset);
        if (hit != null && hit.getValue().baseOffset() <= offset) {
            return CompletableFuture.completedFuture(Optional.of(hit.getValue()));
        }
        return first(info -> info.lastOffset() >= offset).thenApply(found -> {
            found.filter(l -> l.baseOffset() <= offset).ifPresent(this::remember);
            return found;
        });
    }

    /** The first entry whose broker append time is at or after {@code timestampMs}. */
    public CompletableFuture<Optional<Located>> findByTime(long timestampMs) {
        return first(info -> (info.brokerTimestamp() >= 0 ? info.brokerTimestamp() : info.publishTimeMs())
                >= timestampMs);
    }

    public void remember(Located located) {
        byLastOffset.put(located.lastOffset(), located);
        if (byLastOffset.size() > REMEMBERED) {
            byLastOffset.pollFirstEntry();
        }
    }

    /** Forgets entries below the given offset (after they were trimmed). */
    public void forgetBelow(long offset) {
        byLastOffset.headMap(offset).clear();
    }

    /** The first confirmed entry matching a predicate that is false for a prefix of the log and true after. */
    public CompletableFuture<Optional<Located>> first(Predicate<EntryInfo> predicate) {
        LedgerSpan span = LedgerSpan.of(ledger);
        return search(span, predicate, 0, span.size(), null);
    }

    /** The first and last confirmed entries, if any. */
    public CompletableFuture<Optional<Located>> edge(boolean last) {
        LedgerSpan span = LedgerSpan.of(ledger);
        if (span.size() == 0) {
            return CompletableFuture.completedFuture(Optional.empty());
        }
        Position position = span.position(last ? span.size() - 1 : 0);
        return LedgerReads.info(ledger, position).thenApply(info -> Optional.of(new Located(position, info)));
    }

    private CompletableFuture<Optional<Located>> search(LedgerSpan span, Predicate<EntryInfo> predicate,
                                                        long low, long high, Located best) {
        if (low >= high) {
            return CompletableFuture.completedFuture(Optional.ofNullable(best));
        }
        long mid = (low + high) >>> 1;
        Position position = span.position(mid);
        return LedgerReads.info(ledger, position).thenCompose(info -> predicate.test(info)
                ? search(span, predicate, low, mid, new Located(position, info))
                : search(span, predicate, mid + 1, high, best));
    }

    /** An entry's position with its headers. */
    public record Located(Position position, EntryInfo info) {
        public long baseOffset() {
            return info.baseOffset();
        }

        public long lastOffset() {
            return info.lastOffset();
        }
    }
}
