package io.tributary.storage.internal;

import io.tributary.spi.storage.AppendResult;
import io.tributary.spi.storage.OutOfOrderSequenceException;
import io.tributary.spi.storage.ProducerFencedException;
import io.tributary.spi.storage.ProducerInfo;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Idempotent producers of one partition: per producer id the current epoch and its last
 * {@value #RETAINED_BATCHES} batches. Not thread-safe; the partition log serialises access.
 *
 * <p>A producer the table does not know (new, or whose state was older than the recovery scan) may
 * start at any sequence, as in Kafka. A higher epoch must start at sequence 0. A lower epoch is fenced.
 */
public final class ProducerStateTable {

    public static final int RETAINED_BATCHES = 5;

    private final Map<Long, ProducerState> producers = new HashMap<>();

    /**
     * Checks a batch about to be appended. Returns the result of the earlier append when the batch is a
     * duplicate; otherwise records the batch with {@code result} and returns null.
     *
     * @throws ProducerFencedException     the epoch is older than the known one
     * @throws OutOfOrderSequenceException the sequence does not follow the last batch
     */
    public CompletableFuture<AppendResult> checkAndRecord(ProducerInfo producer, int recordCount,
                                                          CompletableFuture<AppendResult> result) {
        ProducerState state = producers.get(producer.producerId());
        int first = producer.baseSequence();
        int last = Sequences.last(first, recordCount);
        if (state == null) {
            state = new ProducerState(producer.epoch());
            producers.put(producer.producerId(), state);
        } else if (producer.epoch() < state.epoch) {
            throw new ProducerFencedException("producer " + producer.producerId() + " epoch " + producer.epoch()
                    + " is older than the current epoch " + state.epoch);
        } else if (producer.epoch() > state.epoch) {
            if (first != 0) {
                throw new OutOfOrderSequenceException("producer " + producer.producerId() + " new epoch "
                        + producer.epoch() + " must start at sequence 0, not " + first);
            }
            state.reset(producer.epoch());
        } else {
            CompletableFuture<AppendResult> duplicate = state.find(first, last);
            if (duplicate != null) {
                return duplicate;
            }
            BatchRecord previous = state.batches.peekLast();
            if (previous != null && first != Sequences.add(previous.lastSequence, 1)) {
                throw new OutOfOrderSequenceException("producer " + producer.producerId() + " sent sequence "
                        + first + " after " + previous.lastSequence);
            }
        }
        state.add(new BatchRecord(first, last, result));
        return null;
    }

    /** Replays a batch found in the log, oldest first, when a partition is loaded. */
    public void restore(ProducerInfo producer, int recordCount, AppendResult result) {
        ProducerState state = producers.computeIfAbsent(producer.producerId(), id -> new ProducerState(producer.epoch()));
        if (producer.epoch() > state.epoch) {
            state.reset(producer.epoch());
        } else if (producer.epoch() < state.epoch) {
            return;
        }
        state.add(new BatchRecord(producer.baseSequence(), Sequences.last(producer.baseSequence(), recordCount),
                CompletableFuture.completedFuture(result)));
    }

    public int size() {
        return producers.size();
    }

    private record BatchRecord(int firstSequence, int lastSequence, CompletableFuture<AppendResult> result) {
    }

    private static final class ProducerState {
        private short epoch;
        private final ArrayDeque<BatchRecord> batches = new ArrayDeque<>(RETAINED_BATCHES);

        ProducerState(short epoch) {
            this.epoch = epoch;
        }

        void reset(short newEpoch) {
            epoch = newEpoch;
            batches.clear();
        }

        void add(BatchRecord batch) {
            if (batches.size() == RETAINED_BATCHES) {
                batches.removeFirst();
            }
            batches.addLast(batch);
        }

        CompletableFuture<AppendResult> find(int first, int last) {
            for (BatchRecord batch : batches) {
                if (batch.firstSequence == first && batch.lastSequence == last) {
                    return batch.result;
                }
            }
            return null;
        }
    }
}
