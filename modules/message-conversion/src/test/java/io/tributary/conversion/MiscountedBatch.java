package io.tributary.conversion;

import io.netty.buffer.ByteBuf;
import io.tributary.spi.storage.ProducerInfo;
import io.tributary.spi.storage.RecordBatch;
import io.tributary.spi.storage.RecordVisitor;

record MiscountedBatch(RecordBatch delegate, int recordCount) implements RecordBatch {

    @Override
    public ProducerInfo producer() {
        return delegate.producer();
    }

    @Override
    public void forEachRecord(RecordVisitor visitor) {
        delegate.forEachRecord(visitor);
    }

    @Override
    public ByteBuf raw() {
        return delegate.raw();
    }

    @Override
    public String rawFormat() {
        return delegate.rawFormat();
    }
}
