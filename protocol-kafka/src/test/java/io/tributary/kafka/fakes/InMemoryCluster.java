package io.tributary.kafka.fakes;

import io.tributary.spi.Endpoint;
import io.tributary.spi.storage.NotOwnerException;
import io.tributary.spi.storage.PartitionLog;
import io.tributary.spi.storage.PartitionLogs;
import io.tributary.spi.topic.TopicExistsException;
import io.tributary.spi.topic.TopicLookup;
import io.tributary.spi.topic.TopicMetadata;
import io.tributary.spi.topic.TopicName;
import io.tributary.spi.topic.TopicNotFoundException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Topics and their partition logs in memory, all owned by one broker unless told otherwise; the other broker
 * is part of the cluster once it owns a partition.
 */
public final class InMemoryCluster {

    private record PartitionKey(TopicName topic, int partition) {
    }

    private final Map<TopicName, TopicMetadata> topics = new ConcurrentHashMap<>();
    private final Map<PartitionKey, InMemoryPartitionLog> logs = new ConcurrentHashMap<>();
    private final Set<PartitionKey> foreign = ConcurrentHashMap.newKeySet();
    private final Endpoint owner;
    private final Endpoint otherBroker = new Endpoint("other.example", 9092);
    private final TopicLookup lookup = new Lookup();
    private final PartitionLogs partitionLogs = this::open;

    public InMemoryCluster(Endpoint owner) {
        this.owner = owner;
    }

    public TopicLookup lookup() {
        return lookup;
    }

    public PartitionLogs logs() {
        return partitionLogs;
    }

    public TopicMetadata createTopic(TopicName name, int partitions) {
        return lookup.create(name, partitions, Map.of()).join();
    }

    /** The log of a partition, creating it in memory; fails if the topic is missing. */
    public InMemoryPartitionLog log(TopicName topic, int partition) {
        return (InMemoryPartitionLog) open(topic, partition).join();
    }

    /** Makes another broker own the partition. */
    public void moveAway(TopicName topic, int partition) {
        foreign.add(new PartitionKey(topic, partition));
    }

    public Endpoint otherBroker() {
        return otherBroker;
    }

    public Optional<TopicMetadata> topic(TopicName name) {
        return Optional.ofNullable(topics.get(name));
    }

    private CompletableFuture<PartitionLog> open(TopicName topic, int partition) {
        TopicMetadata metadata = topics.get(topic);
        if (metadata == null || partition < 0 || partition >= metadata.partitions()) {
            return CompletableFuture.failedFuture(new TopicNotFoundException(topic + " partition " + partition));
        }
        PartitionKey key = new PartitionKey(topic, partition);
        if (foreign.contains(key)) {
            return CompletableFuture.failedFuture(new NotOwnerException(topic + " partition " + partition));
        }
        return CompletableFuture.completedFuture(logs.computeIfAbsent(key, k -> new InMemoryPartitionLog(topic, partition)));
    }

    private final class Lookup implements TopicLookup {

        @Override
        public CompletableFuture<Optional<TopicMetadata>> describe(TopicName topic) {
            return CompletableFuture.completedFuture(Optional.ofNullable(topics.get(topic)));
        }

        @Override
        public CompletableFuture<TopicMetadata> create(TopicName topic, int partitions, Map<String, String> config) {
            TopicMetadata metadata = new TopicMetadata(topic, partitions, true, UUID.randomUUID(), Map.copyOf(config));
            if (topics.putIfAbsent(topic, metadata) != null) {
                return CompletableFuture.failedFuture(new TopicExistsException(topic.toString()));
            }
            return CompletableFuture.completedFuture(metadata);
        }

        @Override
        public CompletableFuture<Void> delete(TopicName topic) {
            if (topics.remove(topic) == null) {
                return CompletableFuture.failedFuture(new TopicNotFoundException(topic.toString()));
            }
            logs.keySet().removeIf(key -> key.topic().equals(topic));
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public CompletableFuture<TopicMetadata> createPartitions(TopicName topic, int totalPartitions) {
            TopicMetadata current = topics.get(topic);
            if (current == null) {
                return CompletableFuture.failedFuture(new TopicNotFoundException(topic.toString()));
            }
            if (totalPartitions <= current.partitions()) {
                return CompletableFuture.failedFuture(new IllegalArgumentException("not an increase"));
            }
            TopicMetadata grown = new TopicMetadata(topic, totalPartitions, true, current.topicId(), current.config());
            topics.put(topic, grown);
            return CompletableFuture.completedFuture(grown);
        }

        @Override
        public CompletableFuture<TopicMetadata> alterConfig(TopicName topic, Map<String, String> config) {
            TopicMetadata current = topics.get(topic);
            if (current == null) {
                return CompletableFuture.failedFuture(new TopicNotFoundException(topic.toString()));
            }
            TopicMetadata altered = new TopicMetadata(topic, current.partitions(), true, current.topicId(),
                    Map.copyOf(config));
            topics.put(topic, altered);
            return CompletableFuture.completedFuture(altered);
        }

        @Override
        public CompletableFuture<List<TopicName>> list(String tenant, String namespace) {
            List<TopicName> names = new ArrayList<>();
            topics.keySet().stream()
                    .filter(name -> name.tenant().equals(tenant) && name.namespace().equals(namespace))
                    .sorted((a, b) -> a.localName().compareTo(b.localName()))
                    .forEach(names::add);
            return CompletableFuture.completedFuture(names);
        }

        @Override
        public CompletableFuture<Endpoint> owner(TopicName topic, int partition, String protocol) {
            if (!topics.containsKey(topic)) {
                return CompletableFuture.failedFuture(new TopicNotFoundException(topic.toString()));
            }
            return CompletableFuture.completedFuture(
                    foreign.contains(new PartitionKey(topic, partition)) ? otherBroker : owner);
        }

        @Override
        public CompletableFuture<List<Endpoint>> brokers(String protocol) {
            return CompletableFuture.completedFuture(foreign.isEmpty() ? List.of(owner) : List.of(owner, otherBroker));
        }
    }
}
