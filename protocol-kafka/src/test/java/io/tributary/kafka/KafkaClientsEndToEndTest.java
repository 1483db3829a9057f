package io.tributary.kafka;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertTrue;
import static org.testng.Assert.expectThrows;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.tributary.kafka.fakes.FakeModuleContext;
import io.tributary.spi.Endpoint;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.testng.annotations.AfterClass;
import org.testng.annotations.BeforeClass;
import org.testng.annotations.DataProvider;
import org.testng.annotations.Test;

/**
 * The real Java producer, consumer and admin client against the module on a real socket, with the
 * in-memory storage behind it: every compression codec, with both entry formats.
 */
public class KafkaClientsEndToEndTest {

    private static final int RECORDS = 25;
    private static final Duration GIVE_UP = Duration.ofSeconds(60);

    private record Server(FakeModuleContext context, KafkaProtocolModule module, Channel channel) {
        String bootstrap() {
            return "127.0.0.1:" + ((InetSocketAddress) channel.localAddress()).getPort();
        }
    }

    private final Map<String, Server> servers = new HashMap<>();
    private EventLoopGroup group;

    @BeforeClass
    public void startServers() throws Exception {
        group = new NioEventLoopGroup(2);
        for (String format : List.of("pulsar", "kafka")) {
            servers.put(format, start(Map.of("entryFormat", format)));
        }
    }

    private Server start(Map<String, String> properties) throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        FakeModuleContext context = new FakeModuleContext(properties, new Endpoint("127.0.0.1", port));
        KafkaProtocolModule module = new KafkaProtocolModule();
        module.start(context).join();
        ChannelInitializer<Channel> initializer = module.channelInitializer(context.listener());
        Channel channel = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(initializer)
                .bind("127.0.0.1", port).sync().channel();
        return new Server(context, module, channel);
    }

    @AfterClass(alwaysRun = true)
    public void stopServers() throws Exception {
        for (Server server : servers.values()) {
            server.channel().close().sync();
            server.module().drain(Duration.ofSeconds(5)).join();
            server.module().stop();
            server.context().close();
        }
        group.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).sync();
    }

    @DataProvider
    public Object[][] codecsAndFormats() {
        List<Object[]> cases = new ArrayList<>();
        for (String format : List.of("pulsar", "kafka")) {
            for (String codec : List.of("none", "gzip", "snappy", "lz4", "zstd")) {
                cases.add(new Object[] {codec, format});
            }
        }
        return cases.toArray(Object[][]::new);
    }

    @Test(dataProvider = "codecsAndFormats")
    public void producerConsumerAndAdmin(String codec, String format) throws Exception {
        Server server = servers.get(format);
        String topic = "e2e-" + codec + "-" + format;
        try (Admin admin = Admin.create(adminConfig(server))) {
            admin.createTopics(List.of(new NewTopic(topic, 2, (short) 1))).all().get();
            TopicDescription description = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic);
            assertEquals(description.partitions().size(), 2);
            assertEquals(description.partitions().get(0).leader().port(),
                    ((InetSocketAddress) server.channel().localAddress()).getPort());

            List<RecordMetadata> sent = produce(server, topic, codec);
            assertEquals(sent.size(), RECORDS);
            Map<Integer, Long> perPartition = new HashMap<>();
            sent.forEach(metadata -> perPartition.merge(metadata.partition(), 1L, Long::sum));

            if (format.equals("kafka")) {
                assertStoredCompressed(server, topic, codec);
            }

            List<ConsumerRecord<String, String>> received = consume(server, topic);
            assertEquals(received.size(), RECORDS);
            for (ConsumerRecord<String, String> record : received) {
                int index = Integer.parseInt(record.key().substring(4));
                assertEquals(record.value(), "value-" + index + "-" + "x".repeat(index * 10));
                assertEquals(new String(record.headers().lastHeader("index").value(), StandardCharsets.UTF_8),
                        Integer.toString(index));
            }

            TopicPartition p0 = new TopicPartition(topic, 0);
            long end0 = perPartition.getOrDefault(0, 0L);
            Map<TopicPartition, ListOffsetsResultInfo> latest = admin.listOffsets(Map.of(p0, OffsetSpec.latest())).all().get();
            assertEquals(latest.get(p0).offset(), end0);
            ListOffsetsResultInfo byTime = admin.listOffsets(Map.of(p0, OffsetSpec.forTimestamp(0L))).all().get().get(p0);
            assertEquals(byTime.offset(), end0 > 0 ? 0L : -1L);
            ListOffsetsResultInfo maxTime = admin.listOffsets(Map.of(p0, OffsetSpec.maxTimestamp())).all().get().get(p0);
            assertEquals(maxTime.offset(), end0 > 0 ? end0 - 1 : -1L);

            if (end0 > 1) {
                long low = admin.deleteRecords(Map.of(p0, RecordsToDelete.beforeOffset(1L)))
                        .lowWatermarks().get(p0).get().lowWatermark();
                assertEquals(low, 1L);
                assertEquals(admin.listOffsets(Map.of(p0, OffsetSpec.earliest())).all().get().get(p0).offset(), 1L);
            }

            ConfigResource topicResource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
            ConfigResource brokerResource = new ConfigResource(ConfigResource.Type.BROKER,
                    Integer.toString(description.partitions().get(0).leader().id()));
            Map<ConfigResource, Config> configs = admin.describeConfigs(List.of(topicResource, brokerResource)).all().get();
            assertEquals(configs.get(topicResource).get("cleanup.policy").value(), "delete");
            assertEquals(configs.get(brokerResource).get("num.partitions").value(), "1");

            admin.createPartitions(Map.of(topic, NewPartitions.increaseTo(3))).all().get();
            assertEquals(admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().size(), 3);

            DescribeClusterResult cluster = admin.describeCluster();
            assertEquals(cluster.clusterId().get(), FakeModuleContext.CLUSTER);
            assertEquals(cluster.nodes().get().size(), 1);

            admin.deleteTopics(List.of(topic)).all().get();
            ExecutionException missing = expectThrows(ExecutionException.class,
                    () -> admin.describeTopics(List.of(topic)).allTopicNames().get());
            assertTrue(missing.getCause() instanceof UnknownTopicOrPartitionException, missing.toString());
        }
    }

    /** Kafka-format batches are kept as the producer compressed them. */
    private static void assertStoredCompressed(Server server, String topic, String codec) {
        io.tributary.spi.topic.TopicName name = io.tributary.spi.topic.TopicName.parse(topic, "public", "default");
        for (int partition = 0; partition < 2; partition++) {
            for (io.tributary.spi.storage.StoredBatch batch : server.context().cluster().log(name, partition).storedBatches()) {
                io.netty.buffer.ByteBuf raw = batch.raw();
                java.nio.ByteBuffer bytes = java.nio.ByteBuffer.allocate(raw.readableBytes());
                raw.getBytes(raw.readerIndex(), bytes);
                org.apache.kafka.common.record.internal.MutableRecordBatch stored =
                        org.apache.kafka.common.record.internal.MemoryRecords.readableRecords(bytes.flip())
                                .batches().iterator().next();
                assertEquals(stored.compressionType().name, codec);
                assertTrue(stored.hasProducerId(), "idempotent producer batches carry a producer id");
            }
        }
    }

    private List<RecordMetadata> produce(Server server, String topic, String codec) throws Exception {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, server.bootstrap());
        config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, codec);
        config.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        try (KafkaProducer<String, String> producer =
                     new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
            List<java.util.concurrent.Future<RecordMetadata>> futures = new ArrayList<>();
            for (int i = 0; i < RECORDS; i++) {
                ProducerRecord<String, String> record = new ProducerRecord<>(topic, "key-" + i,
                        "value-" + i + "-" + "x".repeat(i * 10));
                record.headers().add("index", Integer.toString(i).getBytes(StandardCharsets.UTF_8));
                futures.add(producer.send(record));
            }
            producer.flush();
            List<RecordMetadata> sent = new ArrayList<>();
            for (java.util.concurrent.Future<RecordMetadata> future : futures) {
                sent.add(future.get());
            }
            return sent;
        }
    }

    private List<ConsumerRecord<String, String>> consume(Server server, String topic) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, server.bootstrap());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "7");
        List<ConsumerRecord<String, String>> received = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer =
                     new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            Set<TopicPartition> partitions = Set.of(new TopicPartition(topic, 0), new TopicPartition(topic, 1));
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long giveUp = System.nanoTime() + GIVE_UP.toNanos();
            while (received.size() < RECORDS && System.nanoTime() < giveUp) {
                consumer.poll(Duration.ofMillis(200)).forEach(received::add);
            }
        }
        return received;
    }

    private static Properties adminConfig(Server server) {
        Properties config = new Properties();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, server.bootstrap());
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "30000");
        return config;
    }
}
