package io.tributary.coordinator.pulsar;

import io.tributary.coordinator.GroupsConfig;
import io.tributary.coordinator.PulsarGroups;
import io.tributary.coordinator.runtime.GroupCoordinatorService;
import io.tributary.coordinator.state.GroupSettings;
import io.tributary.spi.coordination.GroupCoordinator;
import io.tributary.spi.topic.TopicName;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.apache.pulsar.broker.PulsarService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wires the coordinator into a broker: one coordinator thread, the state topic, its ownership and the
 * subscription mirror.
 */
public final class PulsarGroupsRuntime implements PulsarGroups {

    private static final Logger LOG = LoggerFactory.getLogger(PulsarGroupsRuntime.class);
    private static final long MIRROR_FLUSH_MS = 1000;
    private static final Duration MIRROR_CLOSE_BOUND = Duration.ofSeconds(5);
    private static final long STATE_TOPIC_RETRY_MS = 1000;

    private final ScheduledThreadPoolExecutor executor;
    private final GroupCoordinatorService coordinator;
    private final BundleOwnership ownership;
    private final SubscriptionMirror mirror;

    private PulsarGroupsRuntime(ScheduledThreadPoolExecutor executor, GroupCoordinatorService coordinator,
                                BundleOwnership ownership, SubscriptionMirror mirror) {
        this.executor = executor;
        this.coordinator = coordinator;
        this.ownership = ownership;
        this.mirror = mirror;
    }

    public static PulsarGroups start(PulsarService pulsar, GroupsConfig config) {
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, task -> {
            Thread thread = new Thread(task, "tributary-groups");
            thread.setDaemon(true);
            return thread;
        });
        executor.setRemoveOnCancelPolicy(true);
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        TopicName stateTopic = new TopicName(config.tenant(), config.localNamespace(), GroupsConfig.STATE_TOPIC);
        StateTopic setup = new StateTopic(() -> CompletableFuture.supplyAsync(() -> admin(pulsar), pulsar.getExecutor()),
                config, stateTopic.pulsarName(), executor);
        prepare(setup, executor, stateTopic);
        SubscriptionMirror mirror = new SubscriptionMirror(pulsar, new RemoteSubscriptions(() -> admin(pulsar)));
        GroupSettings settings = new GroupSettings(config.initialRebalanceDelayMs(),
                TimeUnit.MINUTES.toMillis(config.offsetsRetentionMinutes()));
        GroupCoordinatorService coordinator = new GroupCoordinatorService(stateTopic, config.partitions(),
                new PulsarShardStorage(pulsar, stateTopic, setup, executor), mirror, executor,
                System::currentTimeMillis, settings);
        executor.scheduleWithFixedDelay(mirror::flush, MIRROR_FLUSH_MS, MIRROR_FLUSH_MS, TimeUnit.MILLISECONDS);
        BundleOwnership ownership = new BundleOwnership(coordinator, stateTopic);
        pulsar.getNamespaceService().addNamespaceBundleOwnershipListener(ownership);
        return new PulsarGroupsRuntime(executor, coordinator, ownership, mirror);
    }

    /** Creates the state topic, trying again each second until it exists (the tenant may come later). */
    private static void prepare(StateTopic setup, ScheduledThreadPoolExecutor executor, TopicName stateTopic) {
        setup.ready().whenComplete((v, e) -> {
            if (e != null && !executor.isShutdown()) {
                LOG.debug("The group state topic {} is not created yet: {}", stateTopic, e.toString());
                executor.schedule(() -> prepare(setup, executor, stateTopic), STATE_TOPIC_RETRY_MS,
                        TimeUnit.MILLISECONDS);
            } else if (e == null) {
                LOG.info("Group state topic {} is ready", stateTopic);
            }
        });
    }

    private static org.apache.pulsar.client.admin.PulsarAdmin admin(PulsarService pulsar) {
        try {
            return pulsar.getAdminClient();
        } catch (Exception e) {
            throw new IllegalStateException("no admin client", e);
        }
    }

    @Override
    public GroupCoordinator coordinator() {
        return coordinator;
    }

    @Override
    public void close() {
        ownership.deactivate();
        try {
            coordinator.close().get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.warn("Closing the group coordinator: {}", e.toString());
        }
        executor.shutdownNow();
        try {
            if (!mirror.drain(MIRROR_CLOSE_BOUND)) {
                LOG.warn("Some committed offsets were not mirrored into subscriptions within {}", MIRROR_CLOSE_BOUND);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
