package io.tributary.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Kafka-client utilities for bench/run.sh.
 *
 * <pre>
 * create-topics BOOTSTRAP NAME:PARTITIONS...   create topics (replication factor: broker default) and wait for leaders
 * consume BOOTSTRAP TOPIC RECORDS [TIMEOUT_MS] read RECORDS records from the start of every partition of TOPIC
 *                                              with assign() (no consumer group) and print one RESULT line
 * </pre>
 *
 * The consumer uses the settings of Kafka's ConsumerPerformance (receive buffer 2 MiB, max.partition.fetch.bytes
 * 1 MiB, check.crcs=false, byte-array deserializers) and counts key + value bytes the same way, so its MB/s is
 * comparable to ConsumerPerformance's fetch.MB.sec (which excludes the group join).
 */
public final class KafkaBench {

    private KafkaBench() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            usage();
        }
        switch (args[0]) {
            case "create-topics" -> createTopics(args[1], List.of(args).subList(2, args.length));
            case "consume" -> {
                if (args.length < 4) {
                    usage();
                }
                long timeoutMs = args.length > 4 ? Long.parseLong(args[4]) : 60_000L;
                System.exit(consume(args[1], args[2], Long.parseLong(args[3]), timeoutMs) ? 0 : 1);
            }
            default -> usage();
        }
    }

    private static void usage() {
        System.err.println("usage: KafkaBench create-topics BOOTSTRAP NAME:PARTITIONS... | "
                + "consume BOOTSTRAP TOPIC RECORDS [TIMEOUT_MS]");
        System.exit(2);
    }

    static void createTopics(String bootstrap, List<String> specs) throws Exception {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "60000");
        try (Admin admin = Admin.create(props)) {
            List<NewTopic> topics = new ArrayList<>();
            Map<String, Integer> expected = new HashMap<>();
            for (String spec : specs) {
                int colon = spec.lastIndexOf(':');
                String name = spec.substring(0, colon);
                int partitions = Integer.parseInt(spec.substring(colon + 1));
                topics.add(new NewTopic(name, Optional.of(partitions), Optional.empty()));
                expected.put(name, partitions);
            }
            for (var entry : admin.createTopics(topics).values().entrySet()) {
                try {
                    entry.getValue().get();
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("creating " + entry.getKey() + ": " + e.getCause(), e.getCause());
                    }
                }
            }
            long deadline = System.currentTimeMillis() + 60_000;
            while (true) {
                try {
                    Map<String, TopicDescription> described =
                            admin.describeTopics(expected.keySet()).allTopicNames().get();
                    boolean ready = described.values().stream().allMatch(d ->
                            d.partitions().size() == expected.get(d.name())
                                    && d.partitions().stream().allMatch(p -> p.leader() != null && !p.leader().isEmpty()));
                    if (ready) {
                        break;
                    }
                } catch (ExecutionException e) {
                    // metadata not propagated yet
                }
                if (System.currentTimeMillis() > deadline) {
                    throw new IllegalStateException("topics " + expected + " have no leaders after 60 s");
                }
                Thread.sleep(200);
            }
            System.out.println("created " + expected);
        }
    }

    static boolean consume(String bootstrap, String topic, long records, long timeoutMs) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.RECEIVE_BUFFER_CONFIG, Integer.toString(2 * 1024 * 1024));
        props.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, Integer.toString(1024 * 1024));
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.CHECK_CRCS_CONFIG, "false");
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "bench-assign-consumer");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props)) {
            List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(30));
            List<TopicPartition> partitions = new ArrayList<>();
            for (PartitionInfo info : infos) {
                partitions.add(new TopicPartition(topic, info.partition()));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long read = 0;
            long bytes = 0;
            long start = System.nanoTime();
            long lastData = System.currentTimeMillis();
            while (read < records) {
                ConsumerRecords<byte[], byte[]> batch = consumer.poll(Duration.ofMillis(100));
                if (!batch.isEmpty()) {
                    lastData = System.currentTimeMillis();
                } else if (System.currentTimeMillis() - lastData > timeoutMs) {
                    break;
                }
                for (ConsumerRecord<byte[], byte[]> record : batch) {
                    read++;
                    if (record.key() != null) {
                        bytes += record.key().length;
                    }
                    if (record.value() != null) {
                        bytes += record.value().length;
                    }
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            double mb = bytes / (1024.0 * 1024.0);
            System.out.printf("RESULT records=%d bytes=%d seconds=%.3f mbps=%.2f rps=%.1f partitions=%d"
                            + " fetchLatencyMs=%.2f fetchBytes=%.0f%n",
                    read, bytes, seconds, mb / seconds, read / seconds, partitions.size(),
                    fetchMetric(consumer, "fetch-latency-avg"), fetchMetric(consumer, "fetch-size-avg"));
            if (read < records) {
                System.err.printf("only %d of %d records within the %d ms timeout%n", read, records, timeoutMs);
                return false;
            }
            return true;
        }
    }

    /** A consumer-wide fetch metric (average over the metrics' sample window, the last 30 s by default). */
    private static double fetchMetric(KafkaConsumer<?, ?> consumer, String name) {
        return consumer.metrics().entrySet().stream()
                .filter(e -> e.getKey().group().equals("consumer-fetch-manager-metrics")
                        && e.getKey().name().equals(name) && !e.getKey().tags().containsKey("topic"))
                .mapToDouble(e -> ((Number) e.getValue().metricValue()).doubleValue())
                .findFirst().orElse(Double.NaN);
    }
}
