package io.tributary.conversion;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.tributary.spi.storage.ProducerInfo;
import io.tributary.spi.storage.RecordBatch;
import io.tributary.spi.storage.RecordVisitor;
import java.nio.ByteBuffer;
import java.util.List;

record TestBatch(List<TestRecord> records, ProducerInfo producer, ByteBuf raw, String rawFormat)
        implements RecordBatch {

    static TestBatch of(TestRecord... records) {
        return new TestBatch(List.of(records), ProducerInfo.NONE, Unpooled.wrappedBuffer(new byte[] {1, 2, 3}), "test-v1");
    }

    @Override
    public int recordCount() {
        return records.size();
    }

    @Override
    public void forEachRecord(RecordVisitor visitor) {
        for (int i = 0; i < records.size(); i++) {
            TestRecord r = records.get(i);
            visitor.record(i, r.timestamp(), r.key() == null ? null : ByteBuffer.wrap(r.key()),
                    r.value() == null ? null : ByteBuffer.wrap(r.value()), r.headers());
        }
    }
}
