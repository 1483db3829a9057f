package io.tributary.kafka.metadata;

import io.tributary.kafka.api.ApiHandler;
import io.tributary.kafka.api.BrokerNode;
import io.tributary.kafka.api.Futures;
import io.tributary.kafka.api.KafkaErrors;
import io.tributary.kafka.api.RequestContext;
import io.tributary.kafka.topic.KafkaTopics;
import io.tributary.spi.topic.TopicLookup;
import io.tributary.spi.topic.TopicMetadata;
import io.tributary.spi.topic.TopicName;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentSkipListMap;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.message.MetadataRequestData;
import org.apache.kafka.common.message.MetadataRequestData.MetadataRequestTopic;
import org.apache.kafka.common.message.MetadataResponseData;
import org.apache.kafka.common.message.MetadataResponseData.MetadataResponseBroker;
import org.apache.kafka.common.message.MetadataResponseData.MetadataResponsePartition;
import org.apache.kafka.common.message.MetadataResponseData.MetadataResponseTopic;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;

/**
 * Topics, their partitions and the brokers leading them. Each partition has one replica, its owning
 * broker; a missing topic is created when the client allows it and {@code autoCreateTopics} is on.
 */
public final class MetadataHandler implements ApiHandler<MetadataRequestData, MetadataResponseData> {

    private final KafkaTopics topics;
    private final PartitionLeaders leaders;
    private final ClusterBrokers clusterBrokers;
    private final String clusterId;

    public MetadataHandler(KafkaTopics topics, TopicLookup lookup, String clusterId) {
        this.topics = topics;
        this.leaders = new PartitionLeaders(lookup);
        this.clusterBrokers = new ClusterBrokers(lookup);
        this.clusterId = clusterId;
    }

    @Override
    public ApiKeys apiKey() {
        return ApiKeys.METADATA;
    }

    @Override
    public short minVersion() {
        return 0;
    }

    @Override
    public short maxVersion() {
        return 13;
    }

    @Override
    public CompletableFuture<MetadataResponseData> handle(RequestContext context, MetadataRequestData request) {
        Map<Integer, BrokerNode> brokers = new ConcurrentSkipListMap<>();
        CompletableFuture<Map<Integer, BrokerNode>> everyBroker = clusterBrokers.of(context);
        boolean allTopics = request.topics() == null || (context.apiVersion() == 0 && request.topics().isEmpty());
        boolean allowCreate = context.apiVersion() < 4 || request.allowAutoTopicCreation();
        CompletableFuture<List<MetadataResponseTopic>> answers = allTopics
                ? topics.listDefaultNamespace().thenCompose(names -> Futures.all(names.stream()
                        .map(name -> answer(context, brokers, topics.kafkaName(name), name, false)).toList()))
                : Futures.all(request.topics().stream()
                        .map(topic -> answer(context, brokers, topic, allowCreate)).toList());
        return answers.thenCombine(everyBroker, (list, all) -> {
            brokers.putAll(all);
            return response(context, request, list, brokers);
        });
    }

    private CompletableFuture<MetadataResponseTopic> answer(RequestContext context, Map<Integer, BrokerNode> brokers,
                                                             MetadataRequestTopic topic, boolean allowCreate) {
        if (topic.name() == null) {
            Uuid id = topic.topicId();
            return topics.byId(id).thenCompose(name -> name.isPresent()
                    ? answer(context, brokers, topics.kafkaName(name.get()), name.get(), false)
                    : CompletableFuture.completedFuture(failed(null, Errors.UNKNOWN_TOPIC_ID).setTopicId(id)));
        }
        TopicName name;
        try {
            name = topics.parse(topic.name());
        } catch (RuntimeException e) {
            return CompletableFuture.completedFuture(failed(topic.name(), KafkaErrors.forException(e)));
        }
        return answer(context, brokers, topic.name(), name, allowCreate);
    }

    private CompletableFuture<MetadataResponseTopic> answer(RequestContext context, Map<Integer, BrokerNode> brokers,
                                                             String kafkaName, TopicName name, boolean allowCreate) {
        return topics.describeOrCreate(name, allowCreate)
                .thenCompose(found -> found.isEmpty()
                        ? CompletableFuture.completedFuture(failed(kafkaName, Errors.UNKNOWN_TOPIC_OR_PARTITION))
                        : leaders.of(context, found.get()).thenApply(owners -> {
                            owners.forEach(owner -> owner.ifPresent(node -> brokers.put(node.id(), node)));
                            return described(kafkaName, found.get(), owners);
                        }))
                .exceptionally(e -> failed(kafkaName, KafkaErrors.forException(e)));
    }

    private static MetadataResponseTopic described(String kafkaName, TopicMetadata metadata,
                                                   List<Optional<BrokerNode>> owners) {
        MetadataResponseTopic topic = new MetadataResponseTopic()
                .setName(kafkaName)
                .setTopicId(KafkaTopics.kafkaId(metadata.topicId()))
                .setIsInternal(false);
        for (int partition = 0; partition < owners.size(); partition++) {
            Optional<BrokerNode> owner = owners.get(partition);
            List<Integer> replicas = owner.map(node -> List.of(node.id())).orElse(List.of());
            topic.partitions().add(new MetadataResponsePartition()
                    .setPartitionIndex(partition)
                    .setErrorCode(owner.isPresent() ? Errors.NONE.code() : Errors.LEADER_NOT_AVAILABLE.code())
                    .setLeaderId(owner.map(BrokerNode::id).orElse(-1))
                    .setLeaderEpoch(-1)
                    .setReplicaNodes(replicas)
                    .setIsrNodes(replicas)
                    .setOfflineReplicas(List.of()));
        }
        return topic;
    }

    private static MetadataResponseTopic failed(String kafkaName, Errors error) {
        return new MetadataResponseTopic().setName(kafkaName).setErrorCode(error.code());
    }

    private MetadataResponseData response(RequestContext context, MetadataRequestData request,
                                          List<MetadataResponseTopic> answers, Map<Integer, BrokerNode> brokers) {
        MetadataResponseData response = new MetadataResponseData()
                .setClusterId(clusterId)
                .setControllerId(context.self().id());
        for (MetadataResponseTopic topic : answers) {
            if (request.includeTopicAuthorizedOperations() && topic.errorCode() == Errors.NONE.code()) {
                topic.setTopicAuthorizedOperations(AuthorizedOperations.TOPIC);
            }
            response.topics().add(topic);
        }
        if (request.includeClusterAuthorizedOperations() && context.apiVersion() <= 10) {
            response.setClusterAuthorizedOperations(AuthorizedOperations.CLUSTER);
        }
        brokers.values().forEach(node -> response.brokers().add(new MetadataResponseBroker()
                .setNodeId(node.id()).setHost(node.host()).setPort(node.port())));
        return response;
    }
}
