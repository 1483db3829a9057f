package io.tributary.kafka.fakes;

import io.tributary.spi.BrokerInfo;
import io.tributary.spi.Endpoint;
import io.tributary.spi.Listener;
import io.tributary.spi.ModuleContext;
import io.tributary.coordinator.runtime.GroupCoordinatorService;
import io.tributary.coordinator.runtime.WrittenRecords;
import io.tributary.coordinator.state.GroupSettings;
import io.tributary.spi.coordination.GroupCoordinator;
import io.tributary.spi.coordination.ProducerIds;
import io.tributary.spi.metrics.ModuleMetrics;
import io.tributary.spi.topic.TopicName;
import io.tributary.spi.storage.PartitionLogs;
import io.tributary.spi.topic.TopicLookup;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicLong;

/** A module context over an in-memory cluster, with a real single-thread scheduler. Close it. */
public final class FakeModuleContext implements ModuleContext, AutoCloseable {

    public static final String CLUSTER = "test-cluster";
    private static final int GROUP_PARTITIONS = 2;

    private final Map<String, String> properties;
    private final Listener listener;
    private final InMemoryCluster cluster;
    private final ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1, runnable -> {
        Thread thread = new Thread(runnable, "fake-module-scheduler");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicLong nextProducerId = new AtomicLong(1000);
    private final ProducerIds producerIds = () -> CompletableFuture.completedFuture(nextProducerId.getAndIncrement());

    private final GroupCoordinatorService groups;
    private final InlineScheduler groupScheduler = new InlineScheduler();
    private final FakeModuleMetrics metrics = new FakeModuleMetrics();

    public FakeModuleContext(Map<String, String> properties, Endpoint advertised) {
        this.properties = properties;
        this.listener = new Listener("kafka", "kafka", new InetSocketAddress("127.0.0.1", advertised.port()), advertised);
        this.cluster = new InMemoryCluster(advertised);
        scheduler.setRemoveOnCancelPolicy(true);
        TopicName stateTopic = new TopicName("public", "__tributary", "groups");
        cluster.createTopic(stateTopic, GROUP_PARTITIONS);
        Map<Integer, InMemoryGroupLog> groupLogs = new java.util.concurrent.ConcurrentHashMap<>();
        this.groups = new GroupCoordinatorService(stateTopic, GROUP_PARTITIONS,
                partition -> CompletableFuture.completedFuture(groupLogs.computeIfAbsent(partition,
                        p -> new InMemoryGroupLog())),
                WrittenRecords.NONE, groupScheduler, System::currentTimeMillis, new GroupSettings(0, 7 * 24 * 3600_000L));
    }

    public FakeModuleContext() {
        this(Map.of(), new Endpoint("localhost", 9092));
    }

    public InMemoryCluster cluster() {
        return cluster;
    }

    public Listener listener() {
        return listener;
    }

    @Override
    public Map<String, String> properties() {
        return properties;
    }

    @Override
    public List<Listener> listeners() {
        return List.of(listener);
    }

    @Override
    public BrokerInfo broker() {
        return new BrokerInfo(CLUSTER, "broker-1", listener.advertised().host());
    }

    @Override
    public ScheduledExecutorService scheduler() {
        return scheduler;
    }

    @Override
    public TopicLookup topics() {
        return cluster.lookup();
    }

    @Override
    public PartitionLogs logs() {
        return cluster.logs();
    }

    @Override
    public ProducerIds producerIds() {
        return producerIds;
    }

    @Override
    public GroupCoordinator groups() {
        return groups;
    }

    @Override
    public ModuleMetrics metrics() {
        return metrics;
    }

    public FakeModuleMetrics fakeMetrics() {
        return metrics;
    }

    @Override
    public void close() {
        groups.close();
        groupScheduler.shutdownNow();
        scheduler.shutdownNow();
    }
}
