package io.tributary.coordinator.pulsar;

import io.tributary.coordinator.GroupsConfig;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import org.apache.pulsar.client.admin.PulsarAdmin;
import org.apache.pulsar.client.admin.PulsarAdminException;
import org.apache.pulsar.common.policies.data.RetentionPolicies;

/**
 * Creates the coordinator's namespace (data kept forever, compaction on) and its partitioned state topic
 * when they are missing. Until that succeeded, each {@link #ready()} tries again: at broker start the
 * tenant may not exist yet.
 */
final class StateTopic {

    /** Compact once this much has accumulated since the last compaction. */
    private static final long COMPACTION_THRESHOLD_BYTES = 16L * 1024 * 1024;

    private final Supplier<CompletableFuture<PulsarAdmin>> admin;
    private final GroupsConfig config;
    private final String topic;
    private final Executor executor;
    private CompletableFuture<Void> ready;

    StateTopic(Supplier<CompletableFuture<PulsarAdmin>> admin, GroupsConfig config, String topic, Executor executor) {
        this.admin = admin;
        this.config = config;
        this.topic = topic;
        this.executor = executor;
    }

    synchronized CompletableFuture<Void> ready() {
        if (ready == null || ready.isCompletedExceptionally()) {
            ready = admin.get().thenCompose(client -> ensure(client, config, topic, executor));
        }
        return ready;
    }

    private static CompletableFuture<Void> ensure(PulsarAdmin admin, GroupsConfig config, String topic, Executor executor) {
        String namespace = config.namespace();
        String tenant = config.tenant();
        return admin.tenants().getTenantsAsync()
                .thenCompose(tenants -> tenants.contains(tenant)
                        ? admin.namespaces().getNamespacesAsync(tenant)
                        : CompletableFuture.failedFuture(new IllegalStateException("tenant " + tenant + " does not exist yet")))
                .thenCompose(namespaces -> namespaces.contains(namespace)
                        ? CompletableFuture.completedFuture(null)
                        : ignoringConflict(admin.namespaces().createNamespaceAsync(namespace)))
                .thenCompose(v -> admin.namespaces().getRetentionAsync(namespace))
                .thenCompose(retention -> retention != null && retention.getRetentionTimeInMinutes() == -1
                        ? CompletableFuture.completedFuture(null)
                        : admin.namespaces().setRetentionAsync(namespace, new RetentionPolicies(-1, -1)))
                .thenCompose(v -> admin.namespaces().getCompactionThresholdAsync(namespace))
                .thenCompose(threshold -> threshold != null && threshold > 0
                        ? CompletableFuture.completedFuture(null)
                        : admin.namespaces().setCompactionThresholdAsync(namespace, COMPACTION_THRESHOLD_BYTES))
                .thenCompose(v -> admin.topics().getPartitionedTopicListAsync(namespace))
                .thenCompose(topics -> topics.contains(topic)
                        ? CompletableFuture.completedFuture(null)
                        : ignoringConflict(admin.topics().createPartitionedTopicAsync(topic, config.partitions())))
                .thenApplyAsync(v -> null, executor);
    }

    private static CompletableFuture<Void> ignoringConflict(CompletableFuture<Void> future) {
        return future.exceptionally(e -> {
            Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
            if (cause instanceof PulsarAdminException.ConflictException) {
                return null;
            }
            throw e instanceof CompletionException c ? c : new CompletionException(e);
        });
    }
}
