package io.tributary.coordinator.pulsar;

import io.tributary.coordinator.runtime.RecordLog;
import io.tributary.coordinator.runtime.ShardStorage;
import io.tributary.spi.coordination.GroupError;
import io.tributary.spi.coordination.GroupException;
import io.tributary.spi.storage.NotOwnerException;
import io.tributary.spi.topic.TopicName;
import io.tributary.storage.internal.PartitionResolver;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import org.apache.pulsar.broker.PulsarService;

/** Opens a partition of the state topic once the topic exists and this broker owns the partition. */
final class PulsarShardStorage implements ShardStorage {

    private final PulsarService pulsar;
    private final TopicName stateTopic;
    private final StateTopic stateTopicSetup;
    private final PartitionResolver resolver;
    private final Executor executor;

    PulsarShardStorage(PulsarService pulsar, TopicName stateTopic, StateTopic setup, Executor executor) {
        this.pulsar = pulsar;
        this.stateTopic = stateTopic;
        this.stateTopicSetup = setup;
        this.resolver = new PartitionResolver(pulsar);
        this.executor = executor;
    }

    @Override
    public CompletableFuture<RecordLog> open(int partition) {
        String name = stateTopic.partitionName(partition);
        return stateTopicSetup.ready()
                .exceptionally(e -> {
                    throw new GroupException(GroupError.COORDINATOR_NOT_AVAILABLE,
                            "the group state topic is not available: " + e.getMessage());
                })
                .thenCompose(v -> resolver.acquireOwnership(name))
                .thenCompose(v -> TopicRecordLog.open(client(), name, executor))
                .exceptionally(e -> {
                    Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
                    if (cause instanceof GroupException group) {
                        throw group;
                    }
                    if (cause instanceof NotOwnerException) {
                        throw new GroupException(GroupError.NOT_COORDINATOR, cause.getMessage());
                    }
                    throw new GroupException(GroupError.COORDINATOR_NOT_AVAILABLE,
                            "cannot open " + name + ": " + cause);
                });
    }

    private org.apache.pulsar.client.api.PulsarClient client() {
        try {
            return pulsar.getClient();
        } catch (Exception e) {
            throw new GroupException(GroupError.COORDINATOR_NOT_AVAILABLE, "no Pulsar client: " + e);
        }
    }
}
