package io.tributary.kafka.records;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.tributary.kafka.api.RequestBuffer;
import io.tributary.spi.storage.Header;
import io.tributary.spi.storage.ProducerInfo;
import io.tributary.spi.storage.RecordBatch;
import io.tributary.spi.storage.RecordVisitor;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.record.internal.MutableRecordBatch;
import org.apache.kafka.common.record.internal.Record;
import org.apache.kafka.common.utils.BufferSupplier;
import org.apache.kafka.common.utils.CloseableIterator;

/**
 * A produced Kafka v2 record batch as the storage SPI sees it. Records are visited straight from the
 * batch's bytes (decompressed first when the batch is compressed); keys and values are not copied.
 */
public final class KafkaRecordBatch implements RecordBatch {

    public static final String RAW_FORMAT = "kafka-v2";

    private final MutableRecordBatch batch;
    private final ByteBuffer bytes;
    private final RequestBuffer source;

    /**
     * @param bytes  exactly the batch's bytes
     * @param source the request buffer {@code bytes} lies in, or null
     */
    KafkaRecordBatch(MutableRecordBatch batch, ByteBuffer bytes, RequestBuffer source) {
        this.batch = batch;
        this.bytes = bytes;
        this.source = source;
    }

    @Override
    public int recordCount() {
        Integer count = batch.countOrNull();
        return count != null ? count : (int) (batch.lastOffset() - batch.baseOffset() + 1);
    }

    @Override
    public ProducerInfo producer() {
        return batch.hasProducerId()
                ? new ProducerInfo(batch.producerId(), batch.producerEpoch(), batch.baseSequence())
                : ProducerInfo.NONE;
    }

    @Override
    public void forEachRecord(RecordVisitor visitor) {
        CodecClassLoader.run(() -> {
            long baseOffset = batch.baseOffset();
            try (CloseableIterator<Record> records = batch.streamingIterator(BufferSupplier.NO_CACHING)) {
                while (records.hasNext()) {
                    Record record = records.next();
                    visitor.record(record.offset() - baseOffset, record.timestamp(), record.key(), record.value(),
                            headers(record.headers()));
                }
            }
        });
    }

    @Override
    public ByteBuf raw() {
        return Unpooled.wrappedBuffer(bytes.duplicate());
    }

    @Override
    public ByteBuf retainedRaw() {
        return source == null ? null : source.retainedSlice(bytes);
    }

    @Override
    public String rawFormat() {
        return RAW_FORMAT;
    }

    public MutableRecordBatch kafkaBatch() {
        return batch;
    }

    private static List<Header> headers(org.apache.kafka.common.header.Header[] headers) {
        if (headers.length == 0) {
            return List.of();
        }
        List<Header> converted = new ArrayList<>(headers.length);
        for (org.apache.kafka.common.header.Header header : headers) {
            converted.add(new Header(header.key(), header.value()));
        }
        return converted;
    }
}
