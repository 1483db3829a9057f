package io.tributary.it;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.testng.annotations.AfterClass;
import org.testng.annotations.BeforeClass;
import org.testng.annotations.Test;

/**
 * A broker of a two-broker cluster stops while a Kafka producer and a consumer group work against partitions and a
 * group coordinator it owns, as in a rolling restart: its bookie keeps serving, as bookies that run on their own do.
 * The other broker takes over; every acknowledged record is stored once, in order, and the group reads all of them.
 */
public class BrokerStopIT {

    private static final Duration BOUND = Duration.ofSeconds(120);
    private static final String TOPIC = "rolling";
    private static final int PARTITIONS = 4;
    private static final String GROUP = "rolling-readers";

    private BrokerCluster cluster;
    private ClusterPlacement placement;

    @BeforeClass
    public void startBrokers() throws Exception {
        cluster = BrokerCluster.start(2);
        placement = new ClusterPlacement(cluster.broker(0).pulsar().getAdminClient());
    }

    @AfterClass(alwaysRun = true)
    public void stopBrokers() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    public void clientsGoOnWithoutLossWhenABrokerStops() throws Exception {
        TributaryBroker staying = cluster.broker(0);
        TributaryBroker stopping = cluster.broker(1);
        KafkaClients clients = new KafkaClients(cluster.kafkaPort(0), cluster.kafkaPort(1));
        clients.createTopic(TOPIC, PARTITIONS);
        for (int p = 0; p < PARTITIONS; p++) {
            placement.moveBundleOf(ClusterPlacement.pulsarTopic(TOPIC, p), p % 2 == 0 ? stopping : staying);
        }
        for (String partition : placement.groupStatePartitionPerBundle()) {
            placement.moveBundleOf(partition, stopping);
        }
        for (int p = 0; p < PARTITIONS; p++) {
            assertEquals(placement.ownerOf(ClusterPlacement.pulsarTopic(TOPIC, p)),
                    (p % 2 == 0 ? stopping : staying).pulsarUrl(), "owner of partition " + p + " before the stop");
        }

        try (ProducerLoop producer = new ProducerLoop(clients); GroupReader reader = new GroupReader(clients)) {
            producer.awaitAcknowledged(400);
            reader.awaitRead(200);

            Map<TopicPartition, Long> committedBeforeStop = reader.pauseCommits();
            stopping.stopBrokerKeepingBookie();
            try (Admin admin = clients.admin()) {
                Eventually.until("the group's offsets " + committedBeforeStop + " served by the remaining broker",
                        BOUND, () -> groupOffsets(admin).equals(committedBeforeStop));
            }
            reader.resumeCommits();
            int acknowledgedAtStop = producer.acknowledged();
            producer.awaitAcknowledged(acknowledgedAtStop + 400);
            List<String> sent = producer.stop();

            for (int p = 0; p < PARTITIONS; p++) {
                assertEquals(placement.ownerOf(ClusterPlacement.pulsarTopic(TOPIC, p)), staying.pulsarUrl(),
                        "owner of partition " + p + " after the stop");
            }
            Map<Integer, List<String>> sentByPartition = byPartition(sent);
            List<ConsumerRecord<String, String>> stored = clients.readFromStart(
                    IntStream.range(0, PARTITIONS).mapToObj(p -> new TopicPartition(TOPIC, p)).toList(), sent.size());
            Map<Integer, List<String>> storedByPartition = new TreeMap<>();
            for (ConsumerRecord<String, String> record : stored) {
                List<String> values = storedByPartition.computeIfAbsent(record.partition(), p -> new ArrayList<>());
                assertEquals(record.offset(), values.size(), "dense offsets on partition " + record.partition());
                values.add(record.value());
            }
            assertEquals(storedByPartition, sentByPartition,
                    "each partition holds what was acknowledged, once, in order");

            reader.awaitReadAll(Set.copyOf(sent));
            Map<TopicPartition, Long> end = endOffsets(clients);
            reader.awaitCommitted(end);
            try (Admin admin = clients.admin()) {
                assertEquals(groupOffsets(admin), end, "the group's offsets as the remaining broker holds them");
            }
        }
    }

    private static Map<Integer, List<String>> byPartition(List<String> values) {
        Map<Integer, List<String>> byPartition = new TreeMap<>();
        for (String value : values) {
            byPartition.computeIfAbsent(Integer.parseInt(value.split("-")[0]), p -> new ArrayList<>()).add(value);
        }
        return byPartition;
    }

    private static Map<TopicPartition, Long> groupOffsets(Admin admin) throws Exception {
        Map<TopicPartition, Long> offsets = new HashMap<>();
        admin.listConsumerGroupOffsets(GROUP).partitionsToOffsetAndMetadata().get()
                .forEach((partition, offset) -> offsets.put(partition, offset.offset()));
        return offsets;
    }

    private static Map<TopicPartition, Long> endOffsets(KafkaClients clients) throws Exception {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        IntStream.range(0, PARTITIONS).forEach(p -> latest.put(new TopicPartition(TOPIC, p), OffsetSpec.latest()));
        Map<TopicPartition, Long> end = new HashMap<>();
        try (Admin admin = clients.admin()) {
            admin.listOffsets(latest).all().get().forEach((partition, info) -> end.put(partition, info.offset()));
        }
        return end;
    }

    /**
     * Sends records "PARTITION-SEQUENCE" round the partitions from its own thread, each partition's in sequence, and
     * keeps those the broker acknowledged; a send that fails fails the test.
     */
    private static final class ProducerLoop implements AutoCloseable {

        private final KafkaProducer<String, String> producer;
        private final Thread thread;
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final AtomicInteger acknowledged = new AtomicInteger();
        private final AtomicReference<Exception> failure = new AtomicReference<>();
        private final List<String> sent = new ArrayList<>();

        ProducerLoop(KafkaClients clients) {
            producer = clients.producer(Map.of());
            thread = new Thread(this::run, "producer-loop");
            thread.start();
        }

        private void run() {
            try {
                for (int i = 0; running.get(); i++) {
                    int partition = i % PARTITIONS;
                    String value = partition + "-" + i / PARTITIONS;
                    synchronized (sent) {
                        sent.add(value);
                    }
                    producer.send(new ProducerRecord<>(TOPIC, partition, null, value), (metadata, error) -> {
                        if (error != null) {
                            failure.compareAndSet(null, error);
                        } else {
                            acknowledged.incrementAndGet();
                        }
                    });
                    Thread.sleep(1);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                failure.compareAndSet(null, e);
            }
        }

        int acknowledged() {
            return acknowledged.get();
        }

        void awaitAcknowledged(int count) throws Exception {
            Eventually.until(count + " records acknowledged", BOUND, () -> {
                checkNoFailure();
                return acknowledged.get() >= count;
            });
        }

        /** Stops sending, waits for every send's answer and returns the records sent, all acknowledged. */
        List<String> stop() throws Exception {
            running.set(false);
            thread.join(BOUND.toMillis());
            producer.flush();
            checkNoFailure();
            synchronized (sent) {
                assertEquals(acknowledged.get(), sent.size(), "acknowledged sends");
                return List.copyOf(sent);
            }
        }

        private void checkNoFailure() {
            if (failure.get() != null) {
                throw new AssertionError("a send failed", failure.get());
            }
        }

        @Override
        public void close() throws InterruptedException {
            running.set(false);
            thread.join(BOUND.toMillis());
            producer.close(BOUND);
        }
    }

    /**
     * One member of the group, polling and committing synchronously after each poll from its own thread; a failed
     * commit is left for the next one, as an application would. Commits can be paused, to compare what the group
     * committed with what a broker serves.
     */
    private static final class GroupReader implements AutoCloseable {

        private final KafkaConsumer<String, String> consumer;
        private final Thread thread;
        private final Set<String> read = ConcurrentHashMap.newKeySet();
        private final Map<TopicPartition, Long> committed = new ConcurrentHashMap<>();
        private final AtomicReference<Exception> failure = new AtomicReference<>();
        private final CountDownLatch stopped = new CountDownLatch(1);
        private final Object commitTurn = new Object();
        private boolean committing = true;

        GroupReader(KafkaClients clients) {
            consumer = clients.consumer(Map.of(ConsumerConfig.GROUP_ID_CONFIG, GROUP,
                    ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                    ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false));
            consumer.subscribe(List.of(TOPIC));
            thread = new Thread(this::run, "group-reader");
            thread.start();
        }

        private void run() {
            try {
                while (true) {
                    consumer.poll(Duration.ofMillis(200)).forEach(record -> read.add(record.value()));
                    synchronized (commitTurn) {
                        if (committing) {
                            commit();
                        }
                    }
                }
            } catch (WakeupException e) {
                // close()
            } catch (Exception e) {
                failure.set(e);
            } finally {
                consumer.close(Duration.ofSeconds(30));
                stopped.countDown();
            }
        }

        private void commit() {
            try {
                Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
                consumer.assignment().forEach(partition ->
                        offsets.put(partition, new OffsetAndMetadata(consumer.position(partition))));
                consumer.commitSync(offsets);
                offsets.forEach((partition, offset) -> committed.put(partition, offset.offset()));
            } catch (WakeupException e) {
                throw e;
            } catch (KafkaException e) {
                // Coordinator moving or a rebalance: the next poll's commit covers these records.
            }
        }

        /** Stops committing once a commit in progress is done; returns the offsets committed so far. */
        Map<TopicPartition, Long> pauseCommits() {
            synchronized (commitTurn) {
                committing = false;
                return Map.copyOf(committed);
            }
        }

        void resumeCommits() {
            synchronized (commitTurn) {
                committing = true;
            }
        }

        void awaitRead(int count) throws Exception {
            Eventually.until(count + " records read by the group", BOUND, () -> {
                checkNoFailure();
                return read.size() >= count;
            });
        }

        void awaitReadAll(Set<String> values) throws Exception {
            Eventually.until("every acknowledged record read by the group", BOUND, () -> {
                checkNoFailure();
                return read.containsAll(values);
            });
            Set<String> unexpected = new HashSet<>(read);
            unexpected.removeAll(values);
            assertTrue(unexpected.isEmpty(), "records read that were never sent: " + unexpected);
        }

        void awaitCommitted(Map<TopicPartition, Long> end) throws Exception {
            Eventually.until("the group's offsets committed at the end " + end, BOUND, () -> {
                checkNoFailure();
                return committed.equals(end);
            });
        }

        private void checkNoFailure() {
            if (failure.get() != null) {
                throw new AssertionError("the group member failed", failure.get());
            }
        }

        @Override
        public void close() throws InterruptedException {
            consumer.wakeup();
            stopped.await(60, TimeUnit.SECONDS);
        }
    }
}
