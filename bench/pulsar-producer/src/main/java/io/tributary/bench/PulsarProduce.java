package io.tributary.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.pulsar.client.api.CompressionType;
import org.apache.pulsar.client.api.Producer;
import org.apache.pulsar.client.api.PulsarClient;

/**
 * Pulsar-client producer for bench/run.sh: the Pulsar-native counterpart of Kafka's ProducerPerformance.
 *
 * <pre>
 * PulsarProduce SERVICE_URL TOPIC PARTITIONS RECORDS [RECORD_SIZE] [BATCH_BYTES] [MAX_DELAY_MS] [WINDOW]
 * </pre>
 *
 * Writes RECORDS messages of RECORD_SIZE bytes (default 1024) to TOPIC-partition-0 .. TOPIC-partition-(PARTITIONS-1),
 * one producer per partition. Like ProducerPerformance, it fills every record with fresh random upper-case
 * letters from a {@link SplittableRandom} seeded 0, so both programs spend the same work per record before the
 * client library; the array is new each time because the Pulsar client keeps it until the batch is sent. It batches
 * up to BATCH_BYTES (default 131072) or MAX_DELAY_MS (default 10), like batch.size and linger.ms.
 * Like Kafka's sticky partitioner, it moves to the next partition after BATCH_BYTES of messages. Sends are
 * asynchronous with at most WINDOW messages (default 32768, i.e. 32 MiB of 1 KiB messages, Kafka's
 * buffer.memory) awaiting their acknowledgement. Prints one RESULT line with MB/s (MiB), records/s and the
 * send-to-ack latency percentiles.
 */
public final class PulsarProduce {

    private PulsarProduce() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 4) {
            System.err.println("usage: PulsarProduce SERVICE_URL TOPIC PARTITIONS RECORDS"
                    + " [RECORD_SIZE] [BATCH_BYTES] [MAX_DELAY_MS] [WINDOW]");
            System.exit(2);
        }
        String serviceUrl = args[0];
        String topic = args[1];
        int partitions = Integer.parseInt(args[2]);
        int records = Integer.parseInt(args[3]);
        int recordSize = args.length > 4 ? Integer.parseInt(args[4]) : 1024;
        int batchBytes = args.length > 5 ? Integer.parseInt(args[5]) : 131072;
        int maxDelayMs = args.length > 6 ? Integer.parseInt(args[6]) : 10;
        int window = args.length > 7 ? Integer.parseInt(args[7]) : 32768;

        SplittableRandom random = new SplittableRandom(0);
        int stickyRun = Math.max(1, batchBytes / recordSize);

        try (PulsarClient client = PulsarClient.builder()
                .serviceUrl(serviceUrl)
                .ioThreads(1)
                .connectionsPerBroker(1)
                .build()) {
            List<Producer<byte[]>> producers = new ArrayList<>();
            for (int p = 0; p < partitions; p++) {
                producers.add(client.newProducer()
                        .topic(topic + "-partition-" + p)
                        .enableBatching(true)
                        .batchingMaxBytes(batchBytes)
                        .batchingMaxMessages(1_000_000)
                        .batchingMaxPublishDelay(maxDelayMs, TimeUnit.MILLISECONDS)
                        .compressionType(CompressionType.NONE)
                        .blockIfQueueFull(true)
                        .maxPendingMessages(window)
                        .sendTimeout(60, TimeUnit.SECONDS)
                        .create());
            }
            Semaphore inFlight = new Semaphore(window);
            CountDownLatch done = new CountDownLatch(records);
            AtomicReference<Throwable> failure = new AtomicReference<>();
            AtomicLong acked = new AtomicLong();
            int[] latencyMicros = new int[records];
            long start = System.nanoTime();
            int current = 0;
            for (int i = 0; i < records; i++) {
                if (i > 0 && i % stickyRun == 0) {
                    current = (current + 1) % partitions;
                }
                inFlight.acquire();
                final int index = i;
                byte[] payload = randomPayload(recordSize, random);
                final long sent = System.nanoTime();
                producers.get(current).sendAsync(payload).whenComplete((id, error) -> {
                    if (error != null) {
                        failure.compareAndSet(null, error);
                    } else {
                        acked.incrementAndGet();
                    }
                    latencyMicros[index] = (int) Math.min(Integer.MAX_VALUE, (System.nanoTime() - sent) / 1000);
                    inFlight.release();
                    done.countDown();
                });
            }
            for (Producer<byte[]> producer : producers) {
                producer.flush();
            }
            if (!done.await(5, TimeUnit.MINUTES)) {
                throw new IllegalStateException("sends still pending after 5 minutes");
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            if (failure.get() != null) {
                System.err.println("send failed: " + failure.get());
                System.exit(1);
            }
            for (Producer<byte[]> producer : producers) {
                producer.close();
            }
            Arrays.sort(latencyMicros);
            double mb = (double) records * recordSize / (1024.0 * 1024.0);
            System.out.printf("RESULT records=%d bytes=%d seconds=%.3f mbps=%.2f rps=%.1f"
                            + " p50_ms=%.1f p99_ms=%.1f p999_ms=%.1f partitions=%d%n",
                    acked.get(), (long) records * recordSize, seconds, mb / seconds, records / seconds,
                    pct(latencyMicros, 0.50), pct(latencyMicros, 0.99), pct(latencyMicros, 0.999), partitions);
        }
    }

    private static byte[] randomPayload(int size, SplittableRandom random) {
        byte[] payload = new byte[size];
        for (int i = 0; i < size; i++) {
            payload[i] = (byte) (random.nextInt(26) + 65);
        }
        return payload;
    }

    private static double pct(int[] sortedMicros, double q) {
        int i = (int) Math.min(sortedMicros.length - 1, Math.floor(q * sortedMicros.length));
        return sortedMicros[i] / 1000.0;
    }
}
