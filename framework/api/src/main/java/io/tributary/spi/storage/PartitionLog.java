package io.tributary.spi.storage;

import io.tributary.spi.topic.TopicName;
import java.util.concurrent.CompletableFuture;

/**
 * One partition of a topic as a log of records with dense offsets that start at 0 and never change.
 * Backed by a Pulsar topic: one appended batch is one entry.
 */
public interface PartitionLog {

    TopicName topic();

    int partition();

    /**
     * Appends one batch. With a producer id, duplicates of a batch already appended complete with the
     * original offsets ({@link AppendResult#duplicate()}); a gap in sequences fails with
     * {@link OutOfOrderSequenceException}, a stale epoch with {@link ProducerFencedException}.
     */
    CompletableFuture<AppendResult> append(RecordBatch batch, EntryFormat format);

    /** Like {@link #append(RecordBatch, EntryFormat)}, counted for {@code publisher}. */
    default CompletableFuture<AppendResult> append(RecordBatch batch, EntryFormat format, Publisher publisher) {
        return append(batch, format);
    }

    /**
     * Reads whole batches starting with the one that holds {@code fromOffset}, at least one batch
     * when any is there, and further batches while their total stays within {@code maxBytes}.
     * Fails with {@link OffsetOutOfRangeException} when {@code fromOffset} is below the log start or
     * above the log end. The result holds buffers: close it.
     */
    CompletableFuture<ReadResult> read(long fromOffset, int maxBytes);

    /**
     * Like {@link #read(long, int)}, for a reader that understands the protocol bytes named
     * {@code rawFormat}: batches the log still holds in memory as they were appended in that format
     * come back as those bytes ({@link StoredBatch#raw()}), so the reader needs no conversion. A log that
     * keeps no recent batches reads as {@link #read(long, int)} does.
     */
    default CompletableFuture<ReadResult> read(long fromOffset, int maxBytes, String rawFormat) {
        return read(fromOffset, maxBytes);
    }

    /** Offset of the first record still in the log. */
    long logStartOffset();

    /** Offset the next appended record will get; all records below it are durable. */
    long logEndOffset();

    /** Bytes the partition's retained data takes in storage, as the storage counts them. */
    long sizeBytes();

    /**
     * Completes once {@link #logEndOffset()} is greater than {@code offset} (at once if it already
     * is). Cancelling the future drops the wait.
     */
    CompletableFuture<Long> awaitEndOffsetAbove(long offset);

    /** The first offset whose record timestamp is at or after {@code timestampMs}, or -1 when none. */
    CompletableFuture<Long> offsetForTimestamp(long timestampMs);

    /** Makes {@code offset} the new log start; records below it are gone. Returns the new start. */
    CompletableFuture<Long> deleteRecordsBefore(long offset);
}
