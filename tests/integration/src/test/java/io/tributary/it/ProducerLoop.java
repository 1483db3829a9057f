package io.tributary.it;

import static org.testng.Assert.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * A Kafka producer at its default settings (so idempotent, retrying until its delivery timeout) sending records
 * "PARTITION-SEQUENCE" round a topic's partitions from its own thread, about one per millisecond, each partition's in
 * sequence. It keeps those the broker acknowledged; a send that fails fails the test.
 */
final class ProducerLoop implements AutoCloseable {

    private final KafkaProducer<String, String> producer;
    private final String topic;
    private final int partitions;
    private final Duration bound;
    private final Thread thread;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicInteger acknowledged = new AtomicInteger();
    private final AtomicReference<Exception> failure = new AtomicReference<>();
    private final List<String> sent = new ArrayList<>();

    ProducerLoop(KafkaClients clients, String topic, int partitions, Duration bound) {
        this.producer = clients.producer(Map.of());
        this.topic = topic;
        this.partitions = partitions;
        this.bound = bound;
        this.thread = new Thread(this::run, "producer-loop");
        thread.start();
    }

    private void run() {
        try {
            for (int i = 0; running.get(); i++) {
                int partition = i % partitions;
                String value = partition + "-" + i / partitions;
                synchronized (sent) {
                    sent.add(value);
                }
                producer.send(new ProducerRecord<>(topic, partition, null, value), (metadata, error) -> {
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
        Eventually.until(count + " records acknowledged", bound, () -> {
            checkNoFailure();
            return acknowledged.get() >= count;
        });
    }

    /** Stops sending, waits for every send's answer and returns the records sent, all acknowledged. */
    List<String> stop() throws Exception {
        running.set(false);
        thread.join(bound.toMillis());
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
        thread.join(bound.toMillis());
        producer.close(bound);
    }
}
