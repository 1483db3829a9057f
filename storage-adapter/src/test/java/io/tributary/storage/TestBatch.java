package io.tributary.storage;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.tributary.spi.storage.Header;
import io.tributary.spi.storage.ProducerInfo;
import io.tributary.spi.storage.RecordBatch;
import io.tributary.spi.storage.RecordVisitor;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** A batch of string records; {@link #raw()} is a made-up wire form for pass-through appends. */
record TestBatch(List<Rec> records, ProducerInfo producer) implements RecordBatch {

    record Rec(long timestamp, String key, String value, List<Header> headers) {
    }

    static TestBatch of(String... values) {
        return new TestBatch(java.util.Arrays.stream(values)
                .map(v -> new Rec(System.currentTimeMillis(), "key-" + v, v, List.of())).toList(), ProducerInfo.NONE);
    }

    TestBatch from(long producerId, int epoch, int sequence) {
        return new TestBatch(records, new ProducerInfo(producerId, (short) epoch, sequence));
    }

    @Override
    public int recordCount() {
        return records.size();
    }

    @Override
    public void forEachRecord(RecordVisitor visitor) {
        for (int i = 0; i < records.size(); i++) {
            Rec r = records.get(i);
            visitor.record(i, r.timestamp(), r.key() == null ? null : utf8(r.key()),
                    r.value() == null ? null : utf8(r.value()), r.headers());
        }
    }

    @Override
    public ByteBuf raw() {
        return Unpooled.wrappedBuffer(String.join("|", records.stream().map(Rec::value).toList())
                .getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String rawFormat() {
        return "test-v1";
    }

    private static ByteBuffer utf8(String s) {
        return ByteBuffer.wrap(s.getBytes(StandardCharsets.UTF_8));
    }
}
