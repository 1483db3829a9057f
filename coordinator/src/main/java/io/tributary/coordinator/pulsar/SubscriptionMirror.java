package io.tributary.coordinator.pulsar;

import io.tributary.coordinator.runtime.WrittenRecords;
import io.tributary.coordinator.state.GroupRecord;
import io.tributary.spi.coordination.PartitionId;
import io.tributary.spi.topic.TopicNotFoundException;
import io.tributary.storage.internal.EntryLocator;
import io.tributary.storage.internal.PartitionResolver;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import org.apache.bookkeeper.mledger.ManagedLedger;
import org.apache.bookkeeper.mledger.Position;
import org.apache.pulsar.broker.PulsarService;
import org.apache.pulsar.broker.service.Subscription;
import org.apache.pulsar.broker.service.persistent.PersistentSubscription;
import org.apache.pulsar.broker.service.persistent.PersistentTopic;
import org.apache.pulsar.common.api.proto.CommandSubscribe.InitialPosition;
import org.apache.pulsar.common.naming.TopicName;
import org.apache.pulsar.common.util.FutureUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Mirrors committed offsets into durable Pulsar subscriptions named after the group, so Pulsar's tools show
 * the group's backlog and retention keeps what it has not read: directly on the partitions this broker owns,
 * through the admin API on the others. Commits are coalesced per subscription and applied in the order the
 * subscriptions changed, at most {@value #MAX_IN_FLIGHT} at a time, started by {@link #flush()} and by each update
 * that ends; an offset already applied is not applied again, one that failed is tried again at the next flush
 * unless its partition is gone, and a removed offset removes the subscription.
 */
final class SubscriptionMirror implements WrittenRecords {

    private static final Logger LOG = LoggerFactory.getLogger(SubscriptionMirror.class);
    private static final long REMOVED = -1;
    private static final int MAX_IN_FLIGHT = 64;
    private static final long DRAIN_PAUSE_MS = 20;

    private record Key(String groupId, PartitionId partition) {
    }

    private record Locator(ManagedLedger ledger, EntryLocator locator) {
    }

    private final PulsarService pulsar;
    private final PartitionResolver resolver;
    private final RemoteSubscriptions remote;
    private final Map<Key, Long> pending = new ConcurrentHashMap<>();
    private final Map<Key, Long> applied = new ConcurrentHashMap<>();
    private final Queue<Key> queue = new ConcurrentLinkedQueue<>();
    private final Set<Key> failed = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean starting = new AtomicBoolean();
    private final Map<Key, CompletableFuture<Void>> inFlight = new ConcurrentHashMap<>();
    private final Map<String, Locator> locators = new ConcurrentHashMap<>();

    SubscriptionMirror(PulsarService pulsar, RemoteSubscriptions remote) {
        this.pulsar = pulsar;
        this.resolver = new PartitionResolver(pulsar);
        this.remote = remote;
    }

    @Override
    public void written(List<GroupRecord> records) {
        for (GroupRecord record : records) {
            if (record instanceof GroupRecord.Offset offset) {
                Key key = new Key(offset.groupId(), offset.partition());
                if (pending.put(key, offset.tombstone() ? REMOVED : offset.offset().offset()) == null) {
                    queue.add(key);
                }
            }
        }
    }

    /** Forgets what is kept for groups another broker coordinates now; it mirrors them itself. */
    @Override
    public void unloaded(Predicate<String> ofShard) {
        inFlight.keySet().removeIf(key -> ofShard.test(key.groupId()));
        failed.removeIf(key -> ofShard.test(key.groupId()));
        pending.keySet().removeIf(key -> ofShard.test(key.groupId()));
        applied.keySet().removeIf(key -> ofShard.test(key.groupId()));
    }

    /**
     * Queues again the updates that failed, then starts the queued ones. Completes when every update in flight is
     * done, failed or not.
     */
    CompletableFuture<Void> flush() {
        for (Key key : List.copyOf(failed)) {
            failed.remove(key);
            queue.add(key);
        }
        startQueued();
        return FutureUtil.waitForAll(List.copyOf(inFlight.values()));
    }

    /**
     * Starts queued updates, in the order their subscriptions first changed, while fewer than {@value #MAX_IN_FLIGHT}
     * are in flight; each one that ends starts the next. One thread starts them at a time, so an update that ends at
     * once does not recurse.
     */
    private void startQueued() {
        while (!queue.isEmpty() && inFlight.size() < MAX_IN_FLIGHT && starting.compareAndSet(false, true)) {
            try {
                Key key;
                while (inFlight.size() < MAX_IN_FLIGHT && (key = queue.poll()) != null) {
                    start(key);
                }
            } finally {
                starting.set(false);
            }
        }
    }

    private void start(Key key) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        if (inFlight.putIfAbsent(key, done) != null) {
            return;
        }
        Long offset = pending.remove(key);
        if (offset == null || offset.equals(applied.get(key))) {
            inFlight.remove(key, done);
            done.complete(null);
            return;
        }
        applying(key, offset).whenComplete((v, failure) -> {
            if (inFlight.remove(key, done)) {
                ended(key, offset, failure);
            }
            done.complete(null);
            startQueued();
        });
    }

    private CompletableFuture<Void> applying(Key key, long offset) {
        try {
            return apply(key, offset);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** Records how an update ended: a newer value queues again, a failure waits for the next flush. */
    private void ended(Key key, long offset, Throwable failure) {
        if (failure == null) {
            if (offset == REMOVED) {
                applied.remove(key);
            } else {
                applied.put(key, offset);
            }
            if (pending.containsKey(key)) {
                queue.add(key);
            }
            return;
        }
        LOG.debug("Mirroring offset {} of group {} on {} failed: {}", offset, key.groupId(), key.partition(),
                failure.toString());
        if (!(FutureUtil.unwrapCompletionException(failure) instanceof TopicNotFoundException)) {
            pending.putIfAbsent(key, offset);
        }
        if (pending.containsKey(key)) {
            failed.add(key);
        }
    }

    /** Flushes until nothing is pending or in flight, or {@code bound} has passed; true if nothing is left. */
    boolean drain(Duration bound) throws InterruptedException {
        long deadline = System.nanoTime() + bound.toNanos();
        while (!pending.isEmpty() || !inFlight.isEmpty()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            try {
                flush().get(left, TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                return false;
            } catch (ExecutionException e) {
                throw new IllegalStateException("flush completes normally", e);
            }
            if (!pending.isEmpty()) {
                Thread.sleep(DRAIN_PAUSE_MS);
            }
        }
        return true;
    }

    private CompletableFuture<Void> apply(Key key, long offset) {
        return resolver.resolve(key.partition().topic(), key.partition().partition()).thenCompose(resolved ->
                pulsar.getNamespaceService().checkTopicOwnership(TopicName.get(resolved.pulsarName()))
                        .thenCompose(owned -> owned
                                ? applyHere(resolved.pulsarName(), key.groupId(), offset)
                                : offset == REMOVED
                                        ? remote.remove(resolved.pulsarName(), key.groupId())
                                        : remote.moveTo(resolved.pulsarName(), key.groupId(), offset)));
    }

    private CompletableFuture<Void> applyHere(String pulsarTopic, String groupId, long offset) {
        return pulsar.getBrokerService().getTopic(pulsarTopic, false).thenCompose(found -> {
            Optional<PersistentTopic> topic = found.filter(PersistentTopic.class::isInstance)
                    .map(PersistentTopic.class::cast);
            if (topic.isEmpty()) {
                return CompletableFuture.completedFuture(null);
            }
            if (offset == REMOVED) {
                Subscription subscription = topic.get().getSubscription(groupId);
                return subscription == null ? CompletableFuture.completedFuture(null) : subscription.delete();
            }
            return moveTo(topic.get(), groupId, offset);
        });
    }

    /** Makes everything before {@code offset} consumed: mark-delete forward, or reset backwards. */
    private CompletableFuture<Void> moveTo(PersistentTopic topic, String groupId, long offset) {
        ManagedLedger ledger = topic.getManagedLedger();
        EntryLocator locator = locators.compute(topic.getName(), (name, known) ->
                known != null && known.ledger() == ledger ? known : new Locator(ledger, new EntryLocator(ledger)))
                .locator();
        return locator.find(offset).thenCompose(found -> {
            Position target = found.map(entry -> ledger.getPreviousPosition(entry.position()))
                    .orElseGet(ledger::getLastConfirmedEntry);
            return topic.createSubscription(groupId, InitialPosition.Earliest, false, Map.of())
                    .thenCompose(subscription -> move((PersistentSubscription) subscription, ledger, target));
        });
    }

    private static CompletableFuture<Void> move(PersistentSubscription subscription, ManagedLedger ledger,
                                                Position markDelete) {
        Position current = subscription.getCursor().getMarkDeletedPosition();
        int direction = markDelete.compareTo(current);
        if (direction < 0) {
            return subscription.resetCursor(ledger.getNextValidPosition(markDelete));
        }
        if (direction == 0) {
            return CompletableFuture.completedFuture(null);
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        subscription.getCursor().asyncMarkDelete(markDelete, new org.apache.bookkeeper.mledger.AsyncCallbacks
                .MarkDeleteCallback() {
            @Override
            public void markDeleteComplete(Object ctx) {
                done.complete(null);
            }

            @Override
            public void markDeleteFailed(org.apache.bookkeeper.mledger.ManagedLedgerException e, Object ctx) {
                done.completeExceptionally(e);
            }
        }, null);
        return done;
    }
}
