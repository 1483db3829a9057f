package io.tributary.kafka.records;

import io.netty.buffer.ByteBuf;
import io.tributary.spi.storage.EntryFormat;
import io.tributary.spi.storage.RecordVisitor;
import io.tributary.spi.storage.StoredBatch;
import java.util.function.Consumer;

/** A stored batch as the tests describe it; {@code records} feeds a visitor the batch's records. */
public record StoredBatchStub(long baseOffset, int recordCount, EntryFormat format, ByteBuf raw, String rawFormat,
                       Consumer<RecordVisitor> records) implements StoredBatch {

    /** Protocol bytes only: visiting the records is refused, as for a batch held in Kafka's bytes. */
    public static StoredBatchStub kafkaBytes(long baseOffset, int recordCount, EntryFormat format, ByteBuf raw) {
        return new StoredBatchStub(baseOffset, recordCount, format, raw, KafkaRecordBatch.RAW_FORMAT, visitor -> {
            throw new UnsupportedOperationException("records in raw format " + KafkaRecordBatch.RAW_FORMAT);
        });
    }

    @Override
    public void forEachRecord(RecordVisitor visitor) {
        records.accept(visitor);
    }
}
