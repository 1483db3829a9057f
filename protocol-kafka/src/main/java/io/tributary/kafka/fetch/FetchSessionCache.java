package io.tributary.kafka.fetch;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The broker's fetch sessions, at most {@code capacity}; when full, a new session evicts the one used
 * least recently (its client gets FETCH_SESSION_ID_NOT_FOUND and starts over with a full fetch).
 */
public final class FetchSessionCache {

    private final int capacity;
    private final LinkedHashMap<Integer, FetchSession> sessions = new LinkedHashMap<>(16, 0.75f, true);

    public FetchSessionCache(int capacity) {
        this.capacity = capacity;
    }

    /** A new session, or empty when sessions are disabled. */
    synchronized Optional<FetchSession> create(Collection<PartitionFetch> partitions) {
        if (capacity == 0) {
            return Optional.empty();
        }
        while (sessions.size() >= capacity) {
            Map.Entry<Integer, FetchSession> eldest = sessions.entrySet().iterator().next();
            sessions.remove(eldest.getKey());
        }
        int id;
        do {
            id = ThreadLocalRandom.current().nextInt(1, Integer.MAX_VALUE);
        } while (sessions.containsKey(id));
        FetchSession session = new FetchSession(id, partitions);
        sessions.put(id, session);
        return Optional.of(session);
    }

    synchronized Optional<FetchSession> get(int id) {
        return Optional.ofNullable(sessions.get(id));
    }

    synchronized void remove(int id) {
        sessions.remove(id);
    }

    public synchronized int size() {
        return sessions.size();
    }

    public synchronized void clear() {
        sessions.clear();
    }
}
