package io.tributary.storage.internal;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.Mockito.doAnswer;

import java.util.ArrayList;
import java.util.List;
import org.apache.bookkeeper.mledger.AsyncCallbacks.ReadEntriesCallback;
import org.apache.bookkeeper.mledger.Entry;
import org.apache.bookkeeper.mledger.ManagedCursor;
import org.apache.bookkeeper.mledger.ManagedLedgerException;

/** The reads asked of a mocked cursor, completed by the test when it chooses. */
final class ReadCallbacks {

    private record Read(long maxBytes, ReadEntriesCallback callback) {
    }

    private final List<Read> reads = new ArrayList<>();

    static ReadCallbacks of(ManagedCursor cursor) {
        ReadCallbacks callbacks = new ReadCallbacks();
        doAnswer(invocation -> {
            callbacks.reads.add(new Read(invocation.getArgument(1), invocation.getArgument(2)));
            return null;
        }).when(cursor).asyncReadEntries(anyInt(), anyLong(), any(ReadEntriesCallback.class), any(), any());
        return callbacks;
    }

    int count() {
        return reads.size();
    }

    long maxBytes(int read) {
        return reads.get(read).maxBytes();
    }

    void complete(int read, List<Entry> entries) {
        reads.get(read).callback().readEntriesComplete(new ArrayList<>(entries), null);
    }

    void fail(int read, ManagedLedgerException failure) {
        reads.get(read).callback().readEntriesFailed(failure, null);
    }
}
