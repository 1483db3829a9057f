package io.tributary.kafka.fakes;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.tributary.spi.storage.AppendResult;
import io.tributary.spi.storage.EntryFormat;
import io.tributary.spi.storage.Header;
import io.tributary.spi.storage.OffsetOutOfRangeException;
import io.tributary.spi.storage.OutOfOrderSequenceException;
import io.tributary.spi.storage.PartitionLog;
import io.tributary.spi.storage.ProducerFencedException;
import io.tributary.spi.storage.ProducerInfo;
import io.tributary.spi.storage.ReadResult;
import io.tributary.spi.storage.RecordBatch;
import io.tributary.spi.storage.RecordVisitor;
import io.tributary.spi.storage.StoredBatch;
import io.tributary.spi.topic.TopicName;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A partition log in memory that keeps the SPI's promises: dense offsets from 0, one stored batch per
 * append, whole-batch reads, idempotent producer checks over the last five batches, waits on the end
 * offset and a movable log start.
 */
public final class InMemoryPartitionLog implements PartitionLog {

    private static final int PRODUCER_BATCHES_KEPT = 5;

    record Rec(long offset, long timestamp, byte[] key, byte[] value, List<Header> headers) {
    }

    private record Sequenced(int baseSequence, long baseOffset) {
    }

    private static final class ProducerState {
        short epoch;
        int lastSequence;
        final ArrayDeque<Sequenced> recent = new ArrayDeque<>();
    }

    private record Waiter(long offset, CompletableFuture<Long> future) {
    }

    private final TopicName topic;
    private final int partition;
    private final List<Stored> batches = new ArrayList<>();
    private final Map<Long, ProducerState> producers = new HashMap<>();
    private final List<Waiter> waiters = new ArrayList<>();
    private final AtomicInteger openReads = new AtomicInteger();
    private long logStart;
    private long logEnd;

    InMemoryPartitionLog(TopicName topic, int partition) {
        this.topic = topic;
        this.partition = partition;
    }

    @Override
    public TopicName topic() {
        return topic;
    }

    @Override
    public int partition() {
        return partition;
    }

    @Override
    public CompletableFuture<AppendResult> append(RecordBatch batch, EntryFormat format) {
        List<CompletableFuture<Long>> woken = new ArrayList<>();
        AppendResult result;
        synchronized (this) {
            ProducerInfo producer = batch.producer();
            if (producer.idempotent()) {
                ProducerState state = producers.get(producer.producerId());
                try {
                    Sequenced duplicate = checkSequence(state, producer);
                    if (duplicate != null) {
                        return CompletableFuture.completedFuture(
                                new AppendResult(duplicate.baseOffset(), System.currentTimeMillis(), logStart, true));
                    }
                } catch (RuntimeException e) {
                    return CompletableFuture.failedFuture(e);
                }
            }
            List<Rec> records = new ArrayList<>();
            long base = logEnd;
            batch.forEachRecord((offset, timestampMs, key, value, headers) -> records.add(
                    new Rec(base + offset, timestampMs, bytes(key), bytes(value), List.copyOf(headers))));
            ByteBuf raw = null;
            if (format == EntryFormat.PASS_THROUGH) {
                ByteBuf source = batch.raw();
                byte[] copy = new byte[source.readableBytes()];
                source.getBytes(source.readerIndex(), copy);
                raw = Unpooled.wrappedBuffer(copy);
            }
            batches.add(new Stored(base, records, format, raw, batch.rawFormat()));
            logEnd += batch.recordCount();
            if (producer.idempotent()) {
                remember(producer, batch.recordCount(), base);
            }
            for (Iterator<Waiter> it = waiters.iterator(); it.hasNext(); ) {
                Waiter waiter = it.next();
                if (logEnd > waiter.offset()) {
                    woken.add(waiter.future());
                    it.remove();
                }
            }
            result = new AppendResult(base, System.currentTimeMillis(), logStart, false);
        }
        long end = logEndOffset();
        woken.forEach(future -> future.complete(end));
        return CompletableFuture.completedFuture(result);
    }

    private Sequenced checkSequence(ProducerState state, ProducerInfo producer) {
        if (state == null) {
            if (producer.baseSequence() != 0) {
                throw new OutOfOrderSequenceException("unknown producer " + producer.producerId());
            }
            return null;
        }
        if (producer.epoch() < state.epoch) {
            throw new ProducerFencedException("epoch " + producer.epoch() + " is older than " + state.epoch);
        }
        if (producer.epoch() > state.epoch) {
            if (producer.baseSequence() != 0) {
                throw new OutOfOrderSequenceException("a new epoch starts at sequence 0");
            }
            return null;
        }
        for (Sequenced seen : state.recent) {
            if (seen.baseSequence() == producer.baseSequence()) {
                return seen;
            }
        }
        if (producer.baseSequence() != state.lastSequence + 1) {
            throw new OutOfOrderSequenceException("expected sequence " + (state.lastSequence + 1)
                    + " but got " + producer.baseSequence());
        }
        return null;
    }

    private void remember(ProducerInfo producer, int count, long baseOffset) {
        ProducerState state = producers.computeIfAbsent(producer.producerId(), id -> new ProducerState());
        if (producer.epoch() != state.epoch) {
            state.recent.clear();
        }
        state.epoch = producer.epoch();
        state.lastSequence = producer.baseSequence() + count - 1;
        state.recent.addLast(new Sequenced(producer.baseSequence(), baseOffset));
        if (state.recent.size() > PRODUCER_BATCHES_KEPT) {
            state.recent.removeFirst();
        }
    }

    @Override
    public synchronized CompletableFuture<ReadResult> read(long fromOffset, int maxBytes) {
        if (fromOffset < logStart || fromOffset > logEnd) {
            return CompletableFuture.failedFuture(new OffsetOutOfRangeException(
                    "offset " + fromOffset + " outside [" + logStart + ", " + logEnd + "]"));
        }
        List<StoredBatch> found = new ArrayList<>();
        int size = 0;
        for (Stored batch : batches) {
            if (batch.baseOffset() + batch.recordCount() <= fromOffset) {
                continue;
            }
            if (!found.isEmpty() && size + batch.size() > maxBytes) {
                break;
            }
            found.add(batch);
            size += batch.size();
        }
        openReads.incrementAndGet();
        return CompletableFuture.completedFuture(new Result(found, logStart, logEnd));
    }

    @Override
    public synchronized long logStartOffset() {
        return logStart;
    }

    @Override
    public synchronized long sizeBytes() {
        return batches.stream().flatMap(b -> b.records().stream())
                .mapToLong(r -> (r.key() == null ? 0 : r.key().length) + (r.value() == null ? 0 : r.value().length))
                .sum();
    }

    @Override
    public synchronized long logEndOffset() {
        return logEnd;
    }

    @Override
    public synchronized CompletableFuture<Long> awaitEndOffsetAbove(long offset) {
        if (logEnd > offset) {
            return CompletableFuture.completedFuture(logEnd);
        }
        CompletableFuture<Long> future = new CompletableFuture<>();
        Waiter waiter = new Waiter(offset, future);
        waiters.add(waiter);
        future.whenComplete((end, failure) -> {
            synchronized (this) {
                waiters.remove(waiter);
            }
        });
        return future;
    }

    @Override
    public synchronized CompletableFuture<Long> offsetForTimestamp(long timestampMs) {
        for (Stored batch : batches) {
            for (Rec rec : batch.records()) {
                if (rec.offset() >= logStart && rec.timestamp() >= timestampMs) {
                    return CompletableFuture.completedFuture(rec.offset());
                }
            }
        }
        return CompletableFuture.completedFuture(-1L);
    }

    @Override
    public synchronized CompletableFuture<Long> deleteRecordsBefore(long offset) {
        if (offset > logEnd) {
            return CompletableFuture.failedFuture(new OffsetOutOfRangeException("beyond the end: " + offset));
        }
        logStart = Math.max(logStart, offset);
        batches.removeIf(batch -> batch.baseOffset() + batch.recordCount() <= logStart);
        return CompletableFuture.completedFuture(logStart);
    }

    public synchronized int waiterCount() {
        return waiters.size();
    }

    /** Reads handed out and not closed yet. */
    public int openReads() {
        return openReads.get();
    }

    /** The stored batches, for assertions. */
    public synchronized List<StoredBatch> storedBatches() {
        return List.copyOf(batches);
    }

    private static byte[] bytes(ByteBuffer buffer) {
        if (buffer == null) {
            return null;
        }
        byte[] copy = new byte[buffer.remaining()];
        buffer.duplicate().get(copy);
        return copy;
    }

    private record Stored(long baseOffset, List<Rec> records, EntryFormat format, ByteBuf storedRaw, String rawFormat)
            implements StoredBatch {

        @Override
        public int recordCount() {
            return records.size();
        }

        @Override
        public ByteBuf raw() {
            return storedRaw == null ? null : storedRaw.duplicate();
        }

        @Override
        public void forEachRecord(RecordVisitor visitor) {
            for (Rec rec : records) {
                visitor.record(rec.offset(), rec.timestamp(), wrap(rec.key()), wrap(rec.value()), rec.headers());
            }
        }

        int size() {
            if (storedRaw != null) {
                return storedRaw.readableBytes();
            }
            int size = 0;
            for (Rec rec : records) {
                size += 16 + (rec.key() == null ? 0 : rec.key().length) + (rec.value() == null ? 0 : rec.value().length);
            }
            return size;
        }

        private static ByteBuffer wrap(byte[] bytes) {
            return bytes == null ? null : ByteBuffer.wrap(bytes).asReadOnlyBuffer();
        }
    }

    private final class Result implements ReadResult {
        private final List<StoredBatch> batches;
        private final long start;
        private final long end;
        private boolean closed;

        Result(List<StoredBatch> batches, long start, long end) {
            this.batches = batches;
            this.start = start;
            this.end = end;
        }

        @Override
        public List<StoredBatch> batches() {
            return batches;
        }

        @Override
        public long logStartOffset() {
            return start;
        }

        @Override
        public long logEndOffset() {
            return end;
        }

        @Override
        public void close() {
            if (!closed) {
                closed = true;
                openReads.decrementAndGet();
            }
        }
    }
}
