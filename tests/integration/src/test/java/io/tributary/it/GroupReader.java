package io.tributary.it;

import static org.testng.Assert.assertTrue;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;

/**
 * One member of a consumer group on one topic, polling and committing synchronously after each poll from its own thread; a failed
 * commit is left for the next one, as an application would. Commits can be paused, to compare what the group
 * committed with what a broker serves.
 */
final class GroupReader implements AutoCloseable {

    private final KafkaConsumer<String, String> consumer;
    private final Duration bound;
    private final Thread thread;
    private final Set<String> read = ConcurrentHashMap.newKeySet();
    private final Map<TopicPartition, Long> committed = new ConcurrentHashMap<>();
    private final AtomicReference<Exception> failure = new AtomicReference<>();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final Object commitTurn = new Object();
    private boolean committing = true;

    GroupReader(KafkaClients clients, String group, String topic, Duration bound) {
        this.bound = bound;
        consumer = clients.consumer(Map.of(ConsumerConfig.GROUP_ID_CONFIG, group,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false));
        consumer.subscribe(List.of(topic));
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
        Eventually.until(count + " records read by the group", bound, () -> {
            checkNoFailure();
            return read.size() >= count;
        });
    }

    void awaitReadAll(Set<String> values) throws Exception {
        Eventually.until("every acknowledged record read by the group", bound, () -> {
            checkNoFailure();
            return read.containsAll(values);
        });
        Set<String> unexpected = new HashSet<>(read);
        unexpected.removeAll(values);
        assertTrue(unexpected.isEmpty(), "records read that were never sent: " + unexpected);
    }

    void awaitCommitted(Map<TopicPartition, Long> end) throws Exception {
        Eventually.until("the group's offsets committed at the end " + end, bound, () -> {
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
