package io.tributary.storage;

import io.netty.channel.Channel;
import io.tributary.spi.storage.NotOwnerException;
import io.tributary.spi.storage.PartitionLog;
import io.tributary.spi.storage.PartitionLogs;
import io.tributary.spi.storage.Publisher;
import io.tributary.spi.topic.TopicName;
import io.tributary.spi.topic.TopicNotFoundException;
import io.tributary.storage.internal.PartitionResolver;
import io.tributary.storage.internal.PulsarPublisher;
import io.tributary.storage.internal.ReadAheadBudget;
import io.tributary.storage.internal.RecentBatchBudget;
import io.tributary.storage.internal.TopicPartitionLog;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.apache.pulsar.broker.PulsarService;
import org.apache.pulsar.broker.service.BrokerServiceException;
import org.apache.pulsar.broker.service.Topic;
import org.apache.pulsar.broker.service.persistent.PersistentTopic;
import org.apache.pulsar.broker.stats.prometheus.PrometheusRawMetricsProvider;
import org.apache.pulsar.common.allocator.PulsarByteBufAllocator;

/**
 * The partition logs of the topics this broker owns, each on its Pulsar topic's managed ledger. A log
 * is loaded on first use and reloaded when its Pulsar topic was closed, unloaded or failed.
 */
public final class ManagedLedgerPartitionLogs implements PartitionLogs {

    private static final long MAINTENANCE_PERIOD_SECONDS = 10;
    private static final long CURSOR_IDLE_NANOS = TimeUnit.SECONDS.toNanos(30);

    private final PulsarService pulsar;
    private final RecentBatchBudget recentBatches;
    private final ReadAheadBudget readAhead;
    private final PartitionResolver resolver;
    private final Map<String, CompletableFuture<TopicPartitionLog>> logs = new ConcurrentHashMap<>();
    private final ScheduledFuture<?> maintenance;

    /**
     * @param recentBatchesBytes the memory for keeping recently appended batches in their protocol's bytes
     * @param readAheadBytes the memory for entries read ahead of sequential readers
     */
    public ManagedLedgerPartitionLogs(PulsarService pulsar, long recentBatchesBytes, long readAheadBytes) {
        this.pulsar = pulsar;
        this.recentBatches = new RecentBatchBudget(recentBatchesBytes);
        this.readAhead = new ReadAheadBudget(readAheadBytes);
        this.resolver = new PartitionResolver(pulsar);
        this.maintenance = pulsar.getExecutor().scheduleWithFixedDelay(this::maintain,
                MAINTENANCE_PERIOD_SECONDS, MAINTENANCE_PERIOD_SECONDS, TimeUnit.SECONDS);
    }

    @Override
    public Publisher publisher(Channel channel, String name, String clientVersion, Runnable resume) {
        return new PulsarPublisher(pulsar, channel, name, clientVersion, resume);
    }

    @Override
    public CompletableFuture<PartitionLog> open(TopicName topic, int partition) {
        return resolver.resolve(topic, partition).thenCompose(resolved -> {
            CompletableFuture<TopicPartitionLog> cached = logs.get(resolved.pulsarName());
            if (cached != null && (!cached.isDone() || (!cached.isCompletedExceptionally() && current(cached.join())))) {
                return cached;
            }
            CompletableFuture<TopicPartitionLog> loading = new CompletableFuture<>();
            CompletableFuture<TopicPartitionLog> winner = cached == null
                    ? logs.putIfAbsent(resolved.pulsarName(), loading)
                    : (logs.replace(resolved.pulsarName(), cached, loading) ? null : logs.get(resolved.pulsarName()));
            if (winner != null) {
                return winner;
            }
            if (cached != null && cached.isDone() && !cached.isCompletedExceptionally()) {
                cached.join().close();
            }
            load(topic, partition, resolved).whenComplete((log, failure) -> {
                if (failure != null) {
                    logs.remove(resolved.pulsarName(), loading);
                    loading.completeExceptionally(failure);
                } else {
                    loading.complete(log);
                }
            });
            return loading;
        }).thenApply(log -> (PartitionLog) log);
    }

    /** This broker's storage memory and partition logs as Prometheus metrics, labelled with its cluster. */
    public PrometheusRawMetricsProvider metrics(String cluster) {
        return new StorageMetrics(cluster, recentBatches, readAhead, logs::size);
    }

    public void close() {
        maintenance.cancel(false);
        logs.values().forEach(future -> future.thenAccept(TopicPartitionLog::close));
        logs.clear();
    }

    private CompletableFuture<TopicPartitionLog> load(TopicName topic, int partition,
                                                      PartitionResolver.Resolved resolved) {
        return resolver.acquireOwnership(resolved.pulsarName())
                .thenCompose(v -> pulsar.getBrokerService().getTopic(resolved.pulsarName(), resolved.partitioned()))
                .exceptionally(t -> {
                    Throwable cause = t instanceof java.util.concurrent.CompletionException && t.getCause() != null
                            ? t.getCause() : t;
                    if (cause instanceof BrokerServiceException.ServiceUnitNotReadyException) {
                        throw new NotOwnerException(resolved.pulsarName() + " is not served by this broker");
                    }
                    throw cause instanceof RuntimeException r ? r : new IllegalStateException(cause);
                })
                .thenCompose(found -> {
                    Topic pulsarTopic = found.orElseThrow(() ->
                            new TopicNotFoundException("no such topic: " + resolved.pulsarName()));
                    if (!(pulsarTopic instanceof PersistentTopic persistent)) {
                        throw new TopicNotFoundException("not a persistent topic: " + resolved.pulsarName());
                    }
                    return TopicPartitionLog.load(topic, partition, persistent, recentBatches, readAhead,
                            PulsarByteBufAllocator.DEFAULT);
                });
    }

    private boolean current(TopicPartitionLog log) {
        return log.usable() && pulsar.getBrokerService().getTopicReference(log.pulsarTopic().getName())
                .map(t -> t == log.pulsarTopic()).orElse(false);
    }

    private void maintain() {
        logs.forEach((name, future) -> {
            if (future.isDone() && !future.isCompletedExceptionally()) {
                TopicPartitionLog log = future.join();
                if (current(log)) {
                    log.maintain(CURSOR_IDLE_NANOS);
                } else if (logs.remove(name, future)) {
                    log.close();
                }
            }
        });
    }
}
