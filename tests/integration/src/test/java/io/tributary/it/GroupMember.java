package io.tributary.it;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * A Kafka consumer in a group, polling on its own thread: records what it received and which partitions
 * it holds. With manual commits it commits after each poll's records are recorded, so nothing it
 * acknowledged is lost when it goes away.
 */
final class GroupMember implements AutoCloseable {

    final String name;
    final List<String> received = new CopyOnWriteArrayList<>();
    private final Set<TopicPartition> assigned = ConcurrentHashMap.newKeySet();
    private final KafkaConsumer<String, String> consumer;
    private final Thread thread;
    private final boolean manualCommit;
    private volatile boolean running = true;

    private GroupMember(String name, KafkaConsumer<String, String> consumer, String topic, boolean manualCommit) {
        this.name = name;
        this.consumer = consumer;
        this.manualCommit = manualCommit;
        this.thread = new Thread(() -> run(topic), "group-member-" + name);
        this.thread.setDaemon(true);
    }

    static Properties settings(String bootstrap, String group, boolean manualCommit) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, "6000");
        p.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, "1000");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, Boolean.toString(!manualCommit));
        return p;
    }

    static GroupMember start(String name, String bootstrap, String group, String topic, boolean manualCommit) {
        GroupMember member = new GroupMember(name, new KafkaConsumer<>(settings(bootstrap, group, manualCommit)),
                topic, manualCommit);
        member.thread.start();
        return member;
    }

    private void run(String topic) {
        consumer.subscribe(List.of(topic));
        while (running) {
            List<String> batch = new ArrayList<>();
            for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                batch.add(record.value());
            }
            received.addAll(batch);
            if (manualCommit && !batch.isEmpty()) {
                consumer.commitSync();
            }
            Set<TopicPartition> now = consumer.assignment();
            assigned.retainAll(now);
            assigned.addAll(now);
        }
        consumer.close(Duration.ofSeconds(10));
    }

    Set<TopicPartition> assignment() {
        return Set.copyOf(assigned);
    }

    /** Stops polling and closes the consumer, which leaves the group. */
    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(Duration.ofSeconds(30).toMillis());
    }

    static Map<String, Integer> counts(List<String> values) {
        Map<String, Integer> counts = new ConcurrentHashMap<>();
        values.forEach(v -> counts.merge(v, 1, Integer::sum));
        return counts;
    }
}
