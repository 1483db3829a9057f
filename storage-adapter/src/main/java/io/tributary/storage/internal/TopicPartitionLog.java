package io.tributary.storage.internal;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.tributary.conversion.EntryEncoder;
import io.tributary.conversion.EntryInfo;
import io.tributary.conversion.EntryStamp;
import io.tributary.spi.storage.AppendResult;
import io.tributary.spi.storage.EntryFormat;
import io.tributary.spi.storage.NotOwnerException;
import io.tributary.spi.storage.OffsetOutOfRangeException;
import io.tributary.spi.storage.PartitionLog;
import io.tributary.spi.storage.ProducerInfo;
import io.tributary.spi.storage.Publisher;
import io.tributary.spi.storage.ReadResult;
import io.tributary.spi.storage.RecordBatch;
import io.tributary.spi.topic.TopicName;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.bookkeeper.mledger.ManagedLedger;
import org.apache.bookkeeper.mledger.Position;
import org.apache.pulsar.broker.service.BrokerServiceException;
import org.apache.pulsar.broker.service.Producer;
import org.apache.pulsar.broker.service.persistent.PersistentTopic;

/**
 * A partition log on one Pulsar topic this broker owns. Appends are serialised per partition so the
 * producer checks and the order of entries agree; everything else is lock-free. After a failed append
 * the log refuses further work and is reloaded from the ledger on the next open.
 */
public final class TopicPartitionLog implements PartitionLog {

    static final String PRODUCER_NAME = "tributary";

    private final TopicName topic;
    private final int partition;
    private final PersistentTopic pulsarTopic;
    private final ManagedLedger ledger;
    private final EntryLocator locator;
    private final ReadCursors cursors;
    private final LogReader reader;
    private final LogEnd end;
    private final LogStart start;
    private final ProducerStateTable producers;
    private final RecentBatches recent;
    private long nextSequenceId;
    private volatile Throwable failure;

    private TopicPartitionLog(TopicName topic, int partition, PersistentTopic pulsarTopic, EntryLocator locator,
                              ReadCursors cursors, LogRecovery.Recovered recovered, RecentBatches recent) {
        this.topic = topic;
        this.partition = partition;
        this.pulsarTopic = pulsarTopic;
        this.ledger = pulsarTopic.getManagedLedger();
        this.locator = locator;
        this.cursors = cursors;
        this.reader = new LogReader(locator, cursors);
        this.end = new LogEnd(ledger, recovered.logEndOffset(), recovered.lastPosition());
        this.start = new LogStart(ledger, locator, recovered.logStartOffset());
        this.producers = recovered.producers();
        this.recent = recent;
        this.nextSequenceId = recovered.logEndOffset();
    }

    public static CompletableFuture<TopicPartitionLog> load(TopicName topic, int partition, PersistentTopic pulsarTopic,
                                                            RecentBatchBudget recentBudget,
                                                            ReadAheadBudget readAheadBudget,
                                                            ByteBufAllocator allocator) {
        ManagedLedger ledger = pulsarTopic.getManagedLedger();
        EntryLocator locator = new EntryLocator(ledger);
        ReadCursors cursors = new ReadCursors(ledger, readAheadBudget);
        return new LogRecovery(ledger, locator, cursors).recover()
                .thenApply(recovered -> new TopicPartitionLog(topic, partition, pulsarTopic, locator, cursors,
                        recovered, new RecentBatches(recentBudget, allocator)));
    }

    @Override
    public TopicName topic() {
        return topic;
    }

    @Override
    public int partition() {
        return partition;
    }

    public PersistentTopic pulsarTopic() {
        return pulsarTopic;
    }

    public boolean usable() {
        return failure == null && !pulsarTopic.isFenced();
    }

    @Override
    public CompletableFuture<AppendResult> append(RecordBatch batch, EntryFormat format) {
        return append(batch, format, Publisher.NONE);
    }

    @Override
    public CompletableFuture<AppendResult> append(RecordBatch batch, EntryFormat format, Publisher publisher) {
        int count = batch.recordCount();
        if (count <= 0) {
            return CompletableFuture.failedFuture(new IllegalArgumentException("empty batch"));
        }
        PulsarPublisher pulsar = publisher instanceof PulsarPublisher listing ? listing : null;
        Producer listed = pulsar != null ? pulsar.producerOn(pulsarTopic) : null;
        CompletableFuture<AppendResult> result = new CompletableFuture<>();
        ByteBuf kept = recent.keep(batch);
        boolean published = false;
        ByteBuf entry = null;
        synchronized (this) {
            try {
                if (failure != null) {
                    return CompletableFuture.failedFuture(new NotOwnerException("partition log of " + topic
                            + "-" + partition + " is reloading after " + failure));
                }
                long sequenceId = nextSequenceId;
                entry = EntryEncoder.encode(batch, format,
                        new EntryStamp(PRODUCER_NAME, sequenceId, System.currentTimeMillis()), kept);
                ProducerInfo producer = batch.producer();
                if (producer != null && producer.idempotent()) {
                    CompletableFuture<AppendResult> original = producers.checkAndRecord(producer, count, result);
                    if (original != null) {
                        return original.thenApply(r -> new AppendResult(r.baseOffset(), r.logAppendTime(),
                                start.offset(), true));
                    }
                }
                nextSequenceId += count;
                int bytes = entry.readableBytes();
                if (listed != null) {
                    pulsar.publishing(listed, count, bytes);
                }
                pulsarTopic.publishMessage(entry, new AppendContext(count, PRODUCER_NAME, sequenceId,
                        new Appended(batch, format, count, bytes, listed, kept, result)));
                published = true;
            } catch (RuntimeException e) {
                return CompletableFuture.failedFuture(e);
            } finally {
                if (entry != null) {
                    entry.release();
                }
                if (!published) {
                    release(kept);
                }
            }
        }
        return result;
    }

    @Override
    public CompletableFuture<ReadResult> read(long fromOffset, int maxBytes) {
        return read(fromOffset, maxBytes, null);
    }

    @Override
    public CompletableFuture<ReadResult> read(long fromOffset, int maxBytes, String rawFormat) {
        long logStart = start.offset();
        if (fromOffset < logStart) {
            return CompletableFuture.failedFuture(new OffsetOutOfRangeException("offset " + fromOffset
                    + " is below the log start " + logStart + " of " + topic + "-" + partition));
        }
        CompletableFuture<Long> knownEnd = fromOffset >= end.offset() ? end.refresh() : end.current();
        return knownEnd.thenCompose(logEnd -> {
            if (fromOffset > logEnd) {
                throw new OffsetOutOfRangeException("offset " + fromOffset + " is above the log end " + logEnd
                        + " of " + topic + "-" + partition);
            }
            if (fromOffset == logEnd) {
                return CompletableFuture.completedFuture(BatchesRead.decoded(List.of(), logStart, logEnd));
            }
            if (rawFormat != null) {
                List<RecentBatch> kept = recent.read(fromOffset, logEnd, maxBytes, rawFormat);
                if (!kept.isEmpty()) {
                    return CompletableFuture.completedFuture(BatchesRead.recent(kept, logStart, logEnd));
                }
            }
            return reader.read(fromOffset, maxBytes).thenApply(batches ->
                    BatchesRead.decoded(batches, start.offset(), end.offset()));
        });
    }

    @Override
    public long logStartOffset() {
        return start.offset();
    }

    @Override
    public long sizeBytes() {
        return ledger.getTotalSize();
    }

    @Override
    public long logEndOffset() {
        return end.offset();
    }

    @Override
    public CompletableFuture<Long> awaitEndOffsetAbove(long offset) {
        return end.await(offset);
    }

    @Override
    public CompletableFuture<Long> offsetForTimestamp(long timestampMs) {
        return locator.findByTime(timestampMs).thenApply(found -> found
                .map(located -> Math.max(located.baseOffset(), start.offset()))
                .orElse(-1L));
    }

    @Override
    public CompletableFuture<Long> deleteRecordsBefore(long offset) {
        if (offset > end.offset() || offset < 0) {
            return CompletableFuture.failedFuture(new OffsetOutOfRangeException("cannot delete before " + offset
                    + ": log of " + topic + "-" + partition + " ends at " + end.offset()));
        }
        return start.advanceTo(offset);
    }

    /** Periodic upkeep: drop idle read cursors and follow ledgers trimmed by retention. */
    public void maintain(long cursorIdleNanos) {
        cursors.evictIdle(cursorIdleNanos);
        start.followTrimming();
    }

    public void close() {
        recent.close();
        cursors.closeAll();
        end.failWaiters(new NotOwnerException("partition log of " + topic + "-" + partition + " was closed"));
    }

    private static void release(ByteBuf kept) {
        if (kept != null) {
            kept.release();
        }
    }

    private final class Appended implements AppendContext.Callback {
        private final RecordBatch batch;
        private final EntryFormat format;
        private final int count;
        private final int bytes;
        private final Producer producer;
        private final ByteBuf kept;
        private final CompletableFuture<AppendResult> result;

        Appended(RecordBatch batch, EntryFormat format, int count, int bytes, Producer producer, ByteBuf kept,
                 CompletableFuture<AppendResult> result) {
            this.batch = batch;
            this.format = format;
            this.count = count;
            this.bytes = bytes;
            this.producer = producer;
            this.kept = kept;
            this.result = result;
        }

        @Override
        public void appended(Position position, long lastOffset, long brokerTimestamp) {
            long baseOffset = lastOffset - count + 1;
            locator.remember(new EntryLocator.Located(position, new EntryInfo(lastOffset, brokerTimestamp, count,
                    format, format == EntryFormat.PASS_THROUGH ? batch.rawFormat() : null, ProducerInfo.NONE,
                    brokerTimestamp)));
            if (kept != null) {
                recent.add(baseOffset, count, format, batch.rawFormat(), kept);
            }
            end.advance(lastOffset + 1, position);
            if (producer != null) {
                producer.getStats().recordMsgIn(count, bytes);
            }
            result.complete(new AppendResult(baseOffset, brokerTimestamp, start.offset(), false));
        }

        @Override
        public void failed(Exception cause) {
            release(kept);
            failure = cause;
            result.completeExceptionally(cause instanceof BrokerServiceException.NotAllowedException
                    ? new IllegalArgumentException(cause.getMessage())
                    : new NotOwnerException("append to " + topic + "-" + partition + " failed: " + cause.getMessage()));
            end.failWaiters(new NotOwnerException("partition log of " + topic + "-" + partition + " failed"));
        }
    }
}
