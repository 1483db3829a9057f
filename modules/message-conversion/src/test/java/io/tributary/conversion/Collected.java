package io.tributary.conversion;

import io.tributary.spi.storage.Header;
import io.tributary.spi.storage.StoredBatch;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/** Records visited from a stored batch, copied out of the visitor's buffers. */
record Collected(long offset, long timestamp, byte[] key, byte[] value, List<Header> headers) {

    static List<Collected> from(StoredBatch batch) {
        List<Collected> out = new ArrayList<>();
        batch.forEachRecord((offset, ts, key, value, headers) ->
                out.add(new Collected(offset, ts, bytes(key), bytes(value), headers)));
        return out;
    }

    static byte[] bytes(ByteBuffer buffer) {
        if (buffer == null) {
            return null;
        }
        byte[] b = new byte[buffer.remaining()];
        buffer.duplicate().get(b);
        return b;
    }
}
