package io.tributary.storage;

import io.tributary.spi.storage.EntryFormat;
import io.tributary.spi.storage.Header;
import io.tributary.spi.storage.ReadResult;
import io.tributary.spi.storage.StoredBatch;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Records of a read, copied out so the result can be closed. Pass-through batches give their raw text. */
record ReadRecords(long offset, long timestamp, String key, String value, List<Header> headers) {

    static List<ReadRecords> of(ReadResult result) {
        List<ReadRecords> out = new ArrayList<>();
        for (StoredBatch batch : result.batches()) {
            if (batch.format() == EntryFormat.PASS_THROUGH) {
                out.add(new ReadRecords(batch.baseOffset(), -1, null,
                        batch.raw().toString(StandardCharsets.UTF_8), List.of()));
                continue;
            }
            batch.forEachRecord((offset, ts, key, value, headers) ->
                    out.add(new ReadRecords(offset, ts, text(key), text(value), headers)));
        }
        return out;
    }

    private static String text(ByteBuffer buffer) {
        return buffer == null ? null : StandardCharsets.UTF_8.decode(buffer.duplicate()).toString();
    }
}
