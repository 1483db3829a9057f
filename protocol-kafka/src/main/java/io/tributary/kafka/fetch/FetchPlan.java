package io.tributary.kafka.fetch;

import java.util.List;
import java.util.Optional;
import org.apache.kafka.common.protocol.Errors;

/**
 * How a fetch request relates to fetch sessions, decided as Kafka's FetchManager does: epoch -1 is a
 * sessionless fetch (closing the named session), epoch 0 a full fetch that opens a session, a higher
 * epoch an incremental fetch in an existing session.
 */
sealed interface FetchPlan {

    int FINAL_EPOCH = -1;
    int INITIAL_EPOCH = 0;
    short FIRST_SESSION_VERSION = 7;

    /** The session id and partitions of a response. */
    record Answer(int sessionId, List<PartitionRead> partitions) {
    }

    /** The partitions to read. */
    List<PartitionFetch> partitions();

    /** Turns the reads into the response's partitions, updating the session. */
    Answer answer(List<PartitionRead> reads);

    static FetchPlan of(short version, int sessionId, int epoch, List<PartitionFetch> requested,
                        List<FetchKey> forgotten, FetchSessionCache cache) {
        if (version < FIRST_SESSION_VERSION) {
            return new Sessionless(requested);
        }
        if (epoch == FINAL_EPOCH || epoch == INITIAL_EPOCH) {
            if (sessionId != 0) {
                cache.remove(sessionId);
            }
            return epoch == FINAL_EPOCH ? new Sessionless(requested) : new Full(requested, cache);
        }
        Optional<FetchSession> session = cache.get(sessionId);
        if (session.isEmpty()) {
            return new Failed(Errors.FETCH_SESSION_ID_NOT_FOUND);
        }
        synchronized (session.get()) {
            if (session.get().nextEpoch() != epoch) {
                return new Failed(Errors.INVALID_FETCH_SESSION_EPOCH);
            }
            return new Incremental(session.get(), session.get().update(requested, forgotten));
        }
    }

    record Failed(Errors error) implements FetchPlan {
        @Override
        public List<PartitionFetch> partitions() {
            return List.of();
        }

        @Override
        public Answer answer(List<PartitionRead> reads) {
            return new Answer(0, List.of());
        }
    }

    record Sessionless(List<PartitionFetch> partitions) implements FetchPlan {
        @Override
        public Answer answer(List<PartitionRead> reads) {
            return new Answer(0, reads);
        }
    }

    record Full(List<PartitionFetch> partitions, FetchSessionCache cache) implements FetchPlan {
        @Override
        public Answer answer(List<PartitionRead> reads) {
            return cache.create(partitions)
                    .map(session -> new Answer(session.id(), session.answer(reads, false)))
                    .orElseGet(() -> new Answer(0, reads));
        }
    }

    record Incremental(FetchSession session, List<PartitionFetch> partitions) implements FetchPlan {
        @Override
        public Answer answer(List<PartitionRead> reads) {
            return new Answer(session.id(), session.answer(reads, true));
        }
    }
}
