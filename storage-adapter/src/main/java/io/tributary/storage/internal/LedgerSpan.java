package io.tributary.storage.internal;

import java.util.Map;
import org.apache.bookkeeper.mledger.ManagedLedger;
import org.apache.bookkeeper.mledger.Position;
import org.apache.bookkeeper.mledger.PositionFactory;
import org.apache.bookkeeper.mledger.proto.ManagedLedgerInfo.LedgerInfo;

/**
 * A snapshot of the confirmed entries of a managed ledger as one sequence: entry ordinal {@code i}
 * maps to a (ledger, entry) position. Used to binary-search entries.
 */
final class LedgerSpan {

    private final long[] ledgerIds;
    private final long[] firstOrdinals;
    private final long size;

    private LedgerSpan(long[] ledgerIds, long[] firstOrdinals, long size) {
        this.ledgerIds = ledgerIds;
        this.firstOrdinals = firstOrdinals;
        this.size = size;
    }

    static LedgerSpan of(ManagedLedger ledger) {
        Position last = ledger.getLastConfirmedEntry();
        Map<Long, LedgerInfo> ledgers = ledger.getLedgersInfo();
        long[] ids = new long[ledgers.size()];
        long[] firsts = new long[ledgers.size()];
        int n = 0;
        long total = 0;
        for (LedgerInfo info : ledgers.values()) {
            long id = info.getLedgerId();
            long entries;
            if (id < last.getLedgerId()) {
                entries = info.getEntries();
            } else if (id == last.getLedgerId()) {
                entries = last.getEntryId() + 1;
            } else {
                entries = 0;
            }
            if (entries > 0) {
                ids[n] = id;
                firsts[n] = total;
                n++;
                total += entries;
            }
        }
        return new LedgerSpan(java.util.Arrays.copyOf(ids, n), java.util.Arrays.copyOf(firsts, n), total);
    }

    long size() {
        return size;
    }

    Position position(long ordinal) {
        int index = java.util.Arrays.binarySearch(firstOrdinals, ordinal);
        if (index < 0) {
            index = -index - 2;
        }
        return PositionFactory.create(ledgerIds[index], ordinal - firstOrdinals[index]);
    }
}
