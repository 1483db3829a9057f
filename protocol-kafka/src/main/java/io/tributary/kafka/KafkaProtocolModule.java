package io.tributary.kafka;

import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.tributary.kafka.admin.AlterConfigsHandler;
import io.tributary.kafka.admin.CreatePartitionsHandler;
import io.tributary.kafka.admin.CreateTopicsHandler;
import io.tributary.kafka.admin.DeleteTopicsHandler;
import io.tributary.kafka.admin.DescribeConfigsHandler;
import io.tributary.kafka.admin.DescribeLogDirsHandler;
import io.tributary.kafka.admin.IncrementalAlterConfigsHandler;
import io.tributary.kafka.admin.TopicConfigAlteration;
import io.tributary.kafka.api.ApiDispatcher;
import io.tributary.kafka.api.ApiHandler;
import io.tributary.kafka.api.BrokerNode;
import io.tributary.kafka.api.DelayedTasks;
import io.tributary.kafka.fetch.FetchHandler;
import io.tributary.kafka.fetch.FetchSessionCache;
import io.tributary.kafka.group.DeleteGroupsHandler;
import io.tributary.kafka.group.DescribeGroupsHandler;
import io.tributary.kafka.group.FindCoordinatorHandler;
import io.tributary.kafka.group.GroupOffsetsReader;
import io.tributary.kafka.group.HeartbeatHandler;
import io.tributary.kafka.group.JoinGroupHandler;
import io.tributary.kafka.group.LeaveGroupHandler;
import io.tributary.kafka.group.ListGroupsHandler;
import io.tributary.kafka.group.OffsetCommitHandler;
import io.tributary.kafka.group.OffsetDeleteHandler;
import io.tributary.kafka.group.OffsetFetchHandler;
import io.tributary.kafka.group.SyncGroupHandler;
import io.tributary.kafka.metadata.DescribeClusterHandler;
import io.tributary.kafka.metadata.MetadataHandler;
import io.tributary.kafka.metadata.PartitionLeaders;
import io.tributary.kafka.network.Connections;
import io.tributary.kafka.network.KafkaChannelInitializer;
import io.tributary.kafka.network.TrafficCounter;
import io.tributary.kafka.offsets.DeleteRecordsHandler;
import io.tributary.kafka.offsets.ListOffsetsHandler;
import io.tributary.kafka.produce.ProduceHandler;
import io.tributary.kafka.producer.InitProducerIdHandler;
import io.tributary.kafka.records.ProducedBatchValidator;
import io.tributary.kafka.topic.KafkaTopics;
import io.tributary.spi.Endpoint;
import io.tributary.spi.Listener;
import io.tributary.spi.ModuleContext;
import io.tributary.spi.ProtocolModule;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** The Kafka wire protocol as a Tributary protocol module. */
public final class KafkaProtocolModule implements ProtocolModule {

    public static final String PROTOCOL = "kafka";

    /** Everything a started module holds; dropped as a whole on stop. */
    private record Running(ModuleContext context, KafkaConfig config, ApiDispatcher dispatcher,
                           Connections connections, TrafficCounter traffic, DelayedTasks tasks,
                           FetchSessionCache sessions, KafkaTopics topics) {
    }

    private volatile Running running;

    @Override
    public String protocol() {
        return PROTOCOL;
    }

    @Override
    public synchronized CompletableFuture<Void> start(ModuleContext context) {
        if (running != null) {
            return CompletableFuture.failedFuture(new IllegalStateException("the Kafka module is already started"));
        }
        KafkaConfig config;
        try {
            config = KafkaConfig.from(context.properties());
        } catch (IllegalArgumentException e) {
            return CompletableFuture.failedFuture(e);
        }
        KafkaTopics topics = new KafkaTopics(context.topics(), context.logs(), config);
        DelayedTasks tasks = new DelayedTasks(context.scheduler());
        FetchSessionCache sessions = new FetchSessionCache(config.fetchSessionCacheSize());
        ApiDispatcher dispatcher = ApiDispatcher.of(handlers(context, config, topics, tasks, sessions), context.metrics());
        Connections connections = new Connections();
        context.metrics().gauge("connections", "Open Kafka connections", Map.of(), connections::size);
        running = new Running(context, config, dispatcher, connections, TrafficCounter.of(context.metrics()), tasks,
                sessions, topics);
        return CompletableFuture.completedFuture(null);
    }

    static List<ApiHandler<?, ?>> handlers(ModuleContext context, KafkaConfig config,
                                                                 KafkaTopics topics, DelayedTasks tasks,
                                                                 FetchSessionCache sessions) {
        String clusterId = context.broker().clusterName();
        TopicConfigAlteration topicConfigs = new TopicConfigAlteration(topics, config.maxMessageBytes());
        return List.<ApiHandler<?, ?>>of(
                new MetadataHandler(topics, context.topics(), clusterId),
                new DescribeClusterHandler(clusterId, context.topics()),
                new ProduceHandler(topics, context.logs(), new ProducedBatchValidator(config.maxMessageBytes()),
                        config.entryFormat()),
                new FetchHandler(topics, context.logs(), sessions, tasks, ByteBufAllocator.DEFAULT),
                new ListOffsetsHandler(topics, context.logs()),
                new DeleteRecordsHandler(topics, context.logs()),
                new CreateTopicsHandler(topics, config.maxMessageBytes()),
                new DeleteTopicsHandler(topics),
                new CreatePartitionsHandler(topics),
                new DescribeConfigsHandler(topics, config),
                new IncrementalAlterConfigsHandler(topicConfigs),
                new AlterConfigsHandler(topicConfigs),
                new DescribeLogDirsHandler(topics, context.logs(), new PartitionLeaders(context.topics())),
                new InitProducerIdHandler(context.producerIds()),
                new FindCoordinatorHandler(context.groups(), context.topics()),
                new JoinGroupHandler(context.groups()),
                new SyncGroupHandler(context.groups()),
                new HeartbeatHandler(context.groups()),
                new LeaveGroupHandler(context.groups()),
                new OffsetCommitHandler(context.groups(), topics),
                new OffsetFetchHandler(context.groups(), new GroupOffsetsReader(topics)),
                new ListGroupsHandler(context.groups()),
                new DescribeGroupsHandler(context.groups()),
                new DeleteGroupsHandler(context.groups()),
                new OffsetDeleteHandler(context.groups(), topics));
    }

    @Override
    public ChannelInitializer<Channel> channelInitializer(Listener listener) {
        Running started = running;
        if (started == null) {
            throw new IllegalStateException("the Kafka module is not started");
        }
        Endpoint advertised = started.config().advertisedListener(listener.name()).orElse(listener.advertised());
        return new KafkaChannelInitializer(started.dispatcher(), BrokerNode.of(advertised), listener.advertised(),
                started.connections(), started.config().maxRequestSize(), started.config().maxInFlightRequests(),
                started.traffic());
    }

    @Override
    public CompletableFuture<Void> drain(Duration timeout) {
        Running started = running;
        return started == null
                ? CompletableFuture.completedFuture(null)
                : started.connections().drain(timeout, started.context().scheduler());
    }

    @Override
    public synchronized void stop() {
        Running started = running;
        running = null;
        if (started != null) {
            started.tasks().cancelAll();
            started.sessions().clear();
            started.topics().clear();
        }
    }

    /** Open connections. */
    public int connectionCount() {
        Running started = running;
        return started == null ? 0 : started.connections().size();
    }
}
