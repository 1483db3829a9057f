package io.tributary.kafka;

import io.netty.channel.embedded.EmbeddedChannel;
import io.tributary.kafka.api.BrokerNode;
import io.tributary.kafka.api.ClientConnection;
import io.tributary.kafka.api.DelayedTasks;
import io.tributary.kafka.api.RequestContext;
import io.tributary.kafka.fakes.FakeModuleContext;
import io.tributary.kafka.fakes.InMemoryCluster;
import io.tributary.kafka.fakes.InMemoryPartitionLog;
import io.tributary.kafka.fetch.FetchSessionCache;
import io.tributary.kafka.topic.KafkaTopics;
import io.tributary.spi.Endpoint;
import io.tributary.spi.topic.TopicMetadata;
import io.tributary.spi.topic.TopicName;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.MemoryRecordsBuilder;
import org.apache.kafka.common.record.internal.RecordBatch;
import org.apache.kafka.common.requests.RequestHeader;

/** The pieces handlers are built from, over an in-memory cluster. Close it. */
public final class KafkaFixture implements AutoCloseable {

    public static final Endpoint ENDPOINT = new Endpoint("localhost", 9092);

    public final FakeModuleContext context;
    public final KafkaConfig config;
    public final KafkaTopics topics;
    public final DelayedTasks tasks;
    public final FetchSessionCache sessions;

    public KafkaFixture() {
        this(Map.of());
    }

    public KafkaFixture(Map<String, String> properties) {
        context = new FakeModuleContext(properties, ENDPOINT);
        config = KafkaConfig.from(properties);
        topics = new KafkaTopics(context.topics(), context.logs(), config);
        tasks = new DelayedTasks(context.scheduler());
        sessions = new FetchSessionCache(config.fetchSessionCacheSize());
    }

    public InMemoryCluster cluster() {
        return context.cluster();
    }

    public RequestContext request(ApiKeys apiKey, int version) {
        BrokerNode self = BrokerNode.of(ENDPOINT);
        return new RequestContext(new RequestHeader(apiKey, (short) version, "test-client", 7), (short) version,
                new ClientConnection("test-connection", new EmbeddedChannel(), () -> { }), self, ENDPOINT);
    }

    public TopicName topic(String name) {
        return topics.parse(name);
    }

    public TopicMetadata createTopic(String name, int partitions) {
        TopicMetadata metadata = cluster().createTopic(topic(name), partitions);
        topics.describe(metadata.name()).join();
        return metadata;
    }

    public Uuid topicId(String name) {
        return KafkaTopics.kafkaId(cluster().topic(topic(name)).orElseThrow().topicId());
    }

    public InMemoryPartitionLog log(String name, int partition) {
        return cluster().log(topic(name), partition);
    }

    /** One v2 batch of string values, timestamps 1000, 1001, ... */
    public static MemoryRecords records(Compression compression, long producerId, short epoch, int baseSequence,
                                        String... values) {
        MemoryRecordsBuilder builder = MemoryRecords.builder(ByteBuffer.allocate(1024), RecordBatch.MAGIC_VALUE_V2,
                compression, TimestampType.CREATE_TIME, 0L, RecordBatch.NO_TIMESTAMP, producerId, epoch, baseSequence,
                false, RecordBatch.NO_PARTITION_LEADER_EPOCH);
        for (int i = 0; i < values.length; i++) {
            builder.append(1000L + i, ("k" + i).getBytes(StandardCharsets.UTF_8),
                    values[i].getBytes(StandardCharsets.UTF_8));
        }
        return builder.build();
    }

    public static MemoryRecords records(String... values) {
        return records(Compression.NONE, RecordBatch.NO_PRODUCER_ID, RecordBatch.NO_PRODUCER_EPOCH,
                RecordBatch.NO_SEQUENCE, values);
    }

    @Override
    public void close() {
        tasks.cancelAll();
        context.close();
    }
}
