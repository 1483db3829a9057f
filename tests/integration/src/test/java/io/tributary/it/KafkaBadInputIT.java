package io.tributary.it;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertNotEquals;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.message.MetadataRequestData;
import org.apache.kafka.common.message.ProduceRequestData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.SimpleRecord;
import org.apache.kafka.common.requests.AbstractRequest;
import org.apache.kafka.common.requests.ApiVersionsRequest;
import org.apache.kafka.common.requests.ApiVersionsResponse;
import org.apache.kafka.common.requests.MetadataRequest;
import org.apache.kafka.common.requests.ProduceRequest;
import org.apache.kafka.common.requests.ProduceResponse;
import org.apache.kafka.common.requests.RequestHeader;
import org.testng.annotations.AfterClass;
import org.testng.annotations.BeforeClass;
import org.testng.annotations.Test;

/**
 * Malformed, mutated, oversized and unsupported requests against the Kafka module on a real broker: each
 * gets a Kafka error or a closed connection, never silence, and afterwards a well-formed client still
 * works and no acknowledged record is lost.
 */
public class KafkaBadInputIT {

    private static final String TOPIC = "bad-input";
    private static final int READ_TIMEOUT_MS = 20_000;

    private final int kafkaPort = FreePorts.next();
    private final Random random = new Random(20261122L);
    private TributaryBroker broker;
    private KafkaClients kafka;

    @BeforeClass
    public void startBroker() throws Exception {
        broker = TributaryBroker.start("kafka://0.0.0.0:" + kafkaPort,
                Map.of("kafka.maxRequestSize", Integer.toString(1024 * 1024)), TributaryBroker.KAFKA_MODULE);
        kafka = new KafkaClients(kafkaPort);
        try (Admin admin = kafka.admin()) {
            admin.createTopics(List.of(new NewTopic(TOPIC, 1, (short) 1))).all().get();
        }
        produce(0, 200);
    }

    @AfterClass(alwaysRun = true)
    public void stopBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    public void unsupportedApiVersionsVersionIsAnsweredWithTheSupportedRange() throws Exception {
        try (RawKafkaConnection connection = new RawKafkaConnection(kafkaPort, READ_TIMEOUT_MS)) {
            connection.sendFrame(futureApiVersionsRequest(7));

            ByteBuffer answer = connection.readFrame();
            ApiVersionsResponse response = (ApiVersionsResponse) org.apache.kafka.common.requests.AbstractResponse
                    .parseResponse(answer, new RequestHeader(ApiKeys.API_VERSIONS, (short) 0, "raw", 7));

            assertEquals(response.data().errorCode(), Errors.UNSUPPORTED_VERSION.code());
            assertNotEquals(response.data().apiKeys().find(ApiKeys.PRODUCE.id), null);
        }
    }

    @Test
    public void corruptBatchGetsCorruptMessage() throws Exception {
        MemoryRecords records = MemoryRecords.withRecords(Compression.NONE,
                new SimpleRecord("k".getBytes(StandardCharsets.UTF_8), "v".getBytes(StandardCharsets.UTF_8)));
        ByteBuffer corrupted = records.buffer().duplicate();
        int last = corrupted.limit() - 1;
        corrupted.put(last, (byte) (corrupted.get(last) ^ 0x5a));
        ProduceRequestData data = produceData(MemoryRecords.readableRecords(corrupted));

        try (RawKafkaConnection connection = new RawKafkaConnection(kafkaPort, READ_TIMEOUT_MS)) {
            ProduceResponse response = connection.call(new ProduceRequest.Builder((short) 9, (short) 9, data).build(),
                    11, ProduceResponse.class);

            short error = response.data().responses().iterator().next().partitionResponses().get(0).errorCode();
            assertEquals(error, Errors.CORRUPT_MESSAGE.code());
        }
    }

    @Test
    public void framesNoBrokerShouldAcceptAreAnsweredOrClosed() throws Exception {
        List<byte[]> frames = new ArrayList<>();
        frames.add(ByteBuffer.allocate(4).putInt(-1).array());
        frames.add(ByteBuffer.allocate(4).putInt(64 * 1024 * 1024).array());
        frames.add(frame(ByteBuffer.allocate(8).putShort((short) 999).putShort((short) 0).putInt(1).array()));
        frames.add(frame(bytes(RawKafkaConnection.serialize(
                new MetadataRequest.Builder(new MetadataRequestData()).build((short) 12), 1))));
        for (int i = 0; i < 60; i++) {
            frames.add(frame(randomBytes(1 + random.nextInt(200))));
        }
        List<byte[]> valid = List.of(
                bytes(RawKafkaConnection.serialize(produceRequest(), 3)),
                bytes(RawKafkaConnection.serialize(new MetadataRequest.Builder(
                        new MetadataRequestData().setTopics(List.of(new MetadataRequestData.MetadataRequestTopic()
                                .setName(TOPIC))).setAllowAutoTopicCreation(false)).build((short) 12), 4)),
                bytes(RawKafkaConnection.serialize(new ApiVersionsRequest.Builder().build((short) 3), 5)));
        for (int i = 0; i < 240; i++) {
            frames.add(frame(mutate(valid.get(i % valid.size()))));
        }

        List<String> silent = new ArrayList<>();
        for (int i = 0; i < frames.size(); i++) {
            try (RawKafkaConnection connection = new RawKafkaConnection(kafkaPort, READ_TIMEOUT_MS)) {
                connection.sendRaw(frames.get(i));
                if (connection.outcome() == RawKafkaConnection.Outcome.SILENT) {
                    silent.add("frame " + i);
                }
            }
        }

        assertEquals(silent, List.of(), "every bad frame is answered or its connection closed");
        produce(200, 100);
        List<ConsumerRecord<String, String>> records = kafka.readFromStart(List.of(new TopicPartition(TOPIC, 0)), 300);
        List<String> expected = IntStream.range(0, 300).mapToObj(i -> "value-" + i).toList();
        List<String> values = records.stream().map(ConsumerRecord::value)
                .filter(v -> v.startsWith("value-")).toList();
        assertEquals(values, expected, "acknowledged records intact and in order");
    }

    /** An ApiVersions request of version 99, laid out as a newer client would send it (header v2, body v3). */
    private static byte[] futureApiVersionsRequest(int correlationId) {
        byte[] client = "raw".getBytes(StandardCharsets.UTF_8);
        ByteBuffer frame = ByteBuffer.allocate(64)
                .putShort(ApiKeys.API_VERSIONS.id).putShort((short) 99).putInt(correlationId)
                .putShort((short) client.length).put(client)
                .put((byte) 0)
                .put((byte) (client.length + 1)).put(client)
                .put((byte) 4).put("1.0".getBytes(StandardCharsets.UTF_8))
                .put((byte) 0);
        frame.flip();
        return bytes(frame);
    }

    private void produce(int from, int count) throws Exception {
        try (KafkaProducer<String, String> producer = kafka.producer(Map.of())) {
            for (int i = from; i < from + count; i++) {
                producer.send(new ProducerRecord<>(TOPIC, 0, "key-" + i, "value-" + i)).get();
            }
        }
    }

    private static AbstractRequest produceRequest() {
        MemoryRecords records = MemoryRecords.withRecords(Compression.NONE,
                new SimpleRecord("fuzz".getBytes(StandardCharsets.UTF_8), "fuzz-value".getBytes(StandardCharsets.UTF_8)));
        return new ProduceRequest.Builder((short) 9, (short) 9, produceData(records)).build();
    }

    private static ProduceRequestData produceData(MemoryRecords records) {
        ProduceRequestData data = new ProduceRequestData().setAcks((short) -1).setTimeoutMs(10_000);
        ProduceRequestData.TopicProduceData topic = new ProduceRequestData.TopicProduceData().setName(TOPIC);
        topic.partitionData().add(new ProduceRequestData.PartitionProduceData().setIndex(0).setRecords(records));
        data.topicData().add(topic);
        return data;
    }

    private byte[] mutate(byte[] valid) {
        byte[] copy = valid.clone();
        int flips = 1 + random.nextInt(4);
        for (int i = 0; i < flips; i++) {
            copy[random.nextInt(copy.length)] = (byte) random.nextInt(256);
        }
        return random.nextInt(5) == 0 ? java.util.Arrays.copyOf(copy, random.nextInt(copy.length) + 1) : copy;
    }

    private byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    private static byte[] frame(byte[] body) {
        return ByteBuffer.allocate(4 + body.length).putInt(body.length).put(body).array();
    }

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        return bytes;
    }
}
