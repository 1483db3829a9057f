package io.tributary.it;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** The Java client of this build's Kafka version, which writes what a client under test reads and checks what it wrote. */
final class Reference implements AutoCloseable {

    private final String bootstrap;
    private final Admin admin;

    Reference(String bootstrap) {
        this.bootstrap = bootstrap;
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
    }

    void createTopic(String topic, int partitions) throws Exception {
        admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get(60, TimeUnit.SECONDS);
    }

    /** Creates the topic and writes {@code perPartition} records to each partition: key kP-I, value vP-I. */
    List<Rec> createAndFill(String topic, int partitions, int perPartition) throws Exception {
        createTopic(topic, partitions);
        List<Rec> written = new ArrayList<>();
        try (KafkaProducer<String, String> producer = producer()) {
            for (int p = 0; p < partitions; p++) {
                for (int i = 0; i < perPartition; i++) {
                    String key = "k" + p + "-" + i;
                    String value = "v" + p + "-" + i;
                    long offset = producer.send(new ProducerRecord<>(topic, p, key, value)).get(60, TimeUnit.SECONDS)
                            .offset();
                    written.add(new Rec(p, offset, key, value));
                }
            }
        }
        return written;
    }

    /** Writes each value, without a key, in order, waiting for each to be acknowledged. */
    void send(String topic, List<String> values) throws Exception {
        try (KafkaProducer<String, String> producer = producer()) {
            for (String value : values) {
                producer.send(new ProducerRecord<>(topic, value)).get(60, TimeUnit.SECONDS);
            }
        }
    }

    private KafkaProducer<String, String> producer() {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName()));
    }

    /** Every record of the topic, read from the beginning without a group. */
    List<Rec> readAll(String topic, int expected) {
        List<Rec> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName()))) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(60)).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (records.size() < expected && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                    records.add(new Rec(r.partition(), r.offset(), r.key(), r.value()));
                }
            }
            // One more short poll: anything beyond what was expected is an error the caller should see.
            consumer.poll(Duration.ofMillis(500))
                    .forEach(r -> records.add(new Rec(r.partition(), r.offset(), r.key(), r.value())));
        }
        return records;
    }

    /** The group's committed offsets as the broker reports them to an admin client, by partition. */
    Map<Integer, Long> committed(String group) throws Exception {
        return committed(group, null);
    }

    /** The group's committed offsets on {@code topic}'s partitions (every topic's if null), by partition. */
    Map<Integer, Long> committed(String group, String topic) throws Exception {
        Map<Integer, Long> offsets = new TreeMap<>();
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata().get(60, TimeUnit.SECONDS);
        committed.forEach((tp, om) -> {
            if (om != null && (topic == null || tp.topic().equals(topic))) {
                offsets.put(tp.partition(), om.offset());
            }
        });
        return offsets;
    }

    Set<String> topicNames() throws Exception {
        return admin.listTopics().names().get(60, TimeUnit.SECONDS);
    }

    /** The value of one of the topic's settings as DescribeConfigs reports it. */
    String topicConfig(String topic, String key) throws Exception {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        return admin.describeConfigs(List.of(resource)).all().get(60, TimeUnit.SECONDS).get(resource).get(key).value();
    }

    static List<Long> range(long from, long to) {
        return IntStream.range((int) from, (int) to).mapToObj(i -> (long) i).toList();
    }

    @Override
    public void close() {
        admin.close();
    }
}
