package io.tributary.it;

import static org.testng.Assert.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * A Kafka producer and a consumer group member at work on one topic while a broker goes away, and the checks that
 * nothing was lost: the group's committed offsets are served as committed, every acknowledged record is stored once,
 * in order, at dense offsets, and the group reads them all and commits up to the end.
 */
final class OutageWorkload {

    /** What happens to the broker while the clients work. */
    interface Outage {
        void happen() throws Exception;
    }

    private static final Duration BOUND = Duration.ofSeconds(120);
    private static final int RECORDS_AROUND_OUTAGE = 400;

    private final KafkaClients clients;
    private final String topic;
    private final int partitions;
    private final String group;

    OutageWorkload(KafkaClients clients, String topic, int partitions, String group) {
        this.clients = clients;
        this.topic = topic;
        this.partitions = partitions;
        this.group = group;
    }

    /**
     * Starts the clients, lets the outage happen once both are under way, and checks what the broker holds after it.
     * The group member pauses its commits around the outage, so the offsets served afterwards can be compared exactly.
     */
    void survives(Outage outage) throws Exception {
        try (ProducerLoop producer = new ProducerLoop(clients, topic, partitions, BOUND);
             GroupReader reader = new GroupReader(clients, group, topic, BOUND)) {
            producer.awaitAcknowledged(RECORDS_AROUND_OUTAGE);
            reader.awaitRead(RECORDS_AROUND_OUTAGE / 2);

            Map<TopicPartition, Long> committedBefore = reader.pauseCommits();
            outage.happen();
            try (Admin admin = clients.admin()) {
                Eventually.until("the group's offsets " + committedBefore + " served after the outage",
                        BOUND, () -> groupOffsets(admin).equals(committedBefore));
            }
            reader.resumeCommits();
            producer.awaitAcknowledged(producer.acknowledged() + RECORDS_AROUND_OUTAGE);
            List<String> sent = producer.stop();

            Map<Integer, List<String>> storedByPartition = new TreeMap<>();
            for (ConsumerRecord<String, String> record : clients.readFromStart(topicPartitions(), sent.size())) {
                List<String> values = storedByPartition.computeIfAbsent(record.partition(), p -> new ArrayList<>());
                assertEquals(record.offset(), values.size(), "dense offsets on partition " + record.partition());
                values.add(record.value());
            }
            assertEquals(storedByPartition, byPartition(sent),
                    "each partition holds what was acknowledged, once, in order");

            reader.awaitReadAll(Set.copyOf(sent));
            Map<TopicPartition, Long> end = endOffsets();
            reader.awaitCommitted(end);
            try (Admin admin = clients.admin()) {
                assertEquals(groupOffsets(admin), end, "the group's offsets as the broker holds them");
            }
        }
    }

    private List<TopicPartition> topicPartitions() {
        return IntStream.range(0, partitions).mapToObj(p -> new TopicPartition(topic, p)).toList();
    }

    private static Map<Integer, List<String>> byPartition(List<String> values) {
        Map<Integer, List<String>> byPartition = new TreeMap<>();
        for (String value : values) {
            byPartition.computeIfAbsent(Integer.parseInt(value.split("-")[0]), p -> new ArrayList<>()).add(value);
        }
        return byPartition;
    }

    private Map<TopicPartition, Long> groupOffsets(Admin admin) throws Exception {
        Map<TopicPartition, Long> offsets = new HashMap<>();
        admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get()
                .forEach((partition, offset) -> offsets.put(partition, offset.offset()));
        return offsets;
    }

    private Map<TopicPartition, Long> endOffsets() throws Exception {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        topicPartitions().forEach(partition -> latest.put(partition, OffsetSpec.latest()));
        Map<TopicPartition, Long> end = new HashMap<>();
        try (Admin admin = clients.admin()) {
            admin.listOffsets(latest).all().get().forEach((partition, info) -> end.put(partition, info.offset()));
        }
        return end;
    }
}
