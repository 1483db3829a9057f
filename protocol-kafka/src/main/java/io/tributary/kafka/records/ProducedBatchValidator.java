package io.tributary.kafka.records;

import io.tributary.kafka.api.RequestBuffer;
import java.nio.ByteBuffer;
import java.util.Iterator;
import org.apache.kafka.common.InvalidRecordException;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.ApiException;
import org.apache.kafka.common.errors.CorruptRecordException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.UnsupportedCompressionTypeException;
import org.apache.kafka.common.errors.UnsupportedForMessageFormatException;
import org.apache.kafka.common.record.internal.CompressionType;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.MutableRecordBatch;
import org.apache.kafka.common.record.internal.Record;
import org.apache.kafka.common.record.internal.RecordBatch;
import org.apache.kafka.common.utils.BufferSupplier;
import org.apache.kafka.common.utils.CloseableIterator;

/**
 * Checks what a producer sent for one partition the way a Kafka broker does before appending: exactly
 * one v2 batch, intact (CRC), within the size limit, not a control or transactional batch, and with
 * records that decode to the count and offsets the batch header claims. Failures are Kafka
 * {@link ApiException}s carrying the wire error.
 */
public final class ProducedBatchValidator {

    private final int maxBatchBytes;

    public ProducedBatchValidator(int maxBatchBytes) {
        this.maxBatchBytes = maxBatchBytes;
    }

    public KafkaRecordBatch validate(MemoryRecords records, short produceVersion) {
        return validate(records, produceVersion, null);
    }

    /** Like {@link #validate(MemoryRecords, short)}, for records parsed from {@code source}, which may be null. */
    public KafkaRecordBatch validate(MemoryRecords records, short produceVersion, RequestBuffer source) {
        ByteBuffer bytes = records.buffer();
        Iterator<MutableRecordBatch> batches = records.batches().iterator();
        MutableRecordBatch batch = nextBatch(batches);
        if (batch.magic() != RecordBatch.MAGIC_VALUE_V2) {
            throw new InvalidRecordException("only record batches with magic 2 are accepted");
        }
        if (batch.sizeInBytes() != records.sizeInBytes() || nextBatchPresent(batches)) {
            throw new InvalidRecordException("a produce request carries exactly one record batch per partition");
        }
        if (batch.sizeInBytes() > maxBatchBytes) {
            throw new RecordTooLargeException("the record batch is " + batch.sizeInBytes()
                    + " bytes, more than the " + maxBatchBytes + " bytes allowed");
        }
        batch.ensureValid();
        if (batch.isControlBatch()) {
            throw new InvalidRecordException("clients may not send control batches");
        }
        if (batch.isTransactional()) {
            throw new UnsupportedForMessageFormatException("transactions are not supported by this broker");
        }
        if (produceVersion < 7 && batch.compressionType() == CompressionType.ZSTD) {
            throw new UnsupportedCompressionTypeException("zstd needs produce version 7 or later");
        }
        CodecClassLoader.run(() -> checkRecords(batch));
        return new KafkaRecordBatch(batch, bytes.duplicate(), source);
    }

    private static MutableRecordBatch nextBatch(Iterator<MutableRecordBatch> batches) {
        try {
            if (!batches.hasNext()) {
                throw new InvalidRecordException("a produce request needs one record batch per partition");
            }
            return batches.next();
        } catch (CorruptRecordException | InvalidRecordException e) {
            throw e;
        } catch (KafkaException e) {
            throw new CorruptRecordException("unreadable record batch: " + e.getMessage());
        }
    }

    private static boolean nextBatchPresent(Iterator<MutableRecordBatch> batches) {
        try {
            return batches.hasNext();
        } catch (KafkaException e) {
            return true;
        }
    }

    private static void checkRecords(MutableRecordBatch batch) {
        Integer expected = batch.countOrNull();
        long expectedOffset = batch.baseOffset();
        int count = 0;
        try (CloseableIterator<Record> records = batch.streamingIterator(BufferSupplier.NO_CACHING)) {
            while (records.hasNext()) {
                Record record = records.next();
                if (record.offset() != expectedOffset) {
                    throw new InvalidRecordException("inner record offsets are not consecutive");
                }
                expectedOffset++;
                count++;
            }
        } catch (InvalidRecordException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new CorruptRecordException("undecodable records in the batch: " + e.getMessage());
        }
        if (expected == null || count != expected || batch.lastOffset() != expectedOffset - 1) {
            throw new InvalidRecordException("the batch declares " + expected + " records but holds " + count);
        }
    }
}
