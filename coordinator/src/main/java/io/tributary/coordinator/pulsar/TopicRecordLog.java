package io.tributary.coordinator.pulsar;

import io.tributary.coordinator.runtime.RecordLog;
import io.tributary.coordinator.state.GroupRecord;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.apache.pulsar.client.api.Message;
import org.apache.pulsar.client.api.MessageId;
import org.apache.pulsar.client.api.Producer;
import org.apache.pulsar.client.api.ProducerAccessMode;
import org.apache.pulsar.client.api.PulsarClient;
import org.apache.pulsar.client.api.Reader;
import org.apache.pulsar.client.api.Schema;

/**
 * One partition of the compacted state topic. The exclusive producer fences any other writer; the
 * replay reads the compacted ledger and then the tail, so a restart reads each key about once.
 */
final class TopicRecordLog implements RecordLog {

    private final PulsarClient client;
    private final String topic;
    private final Producer<byte[]> producer;
    private final Executor executor;

    private TopicRecordLog(PulsarClient client, String topic, Producer<byte[]> producer, Executor executor) {
        this.client = client;
        this.topic = topic;
        this.producer = producer;
        this.executor = executor;
    }

    /** A log whose replay hands records over on {@code executor}. */
    static CompletableFuture<RecordLog> open(PulsarClient client, String topic, Executor executor) {
        return client.newProducer(Schema.BYTES)
                .topic(topic)
                .accessMode(ProducerAccessMode.Exclusive)
                .enableBatching(true)
                .batchingMaxPublishDelay(1, TimeUnit.MILLISECONDS)
                .blockIfQueueFull(false)
                .sendTimeout(30, TimeUnit.SECONDS)
                .createAsync()
                .thenApply(producer -> new TopicRecordLog(client, topic, producer, executor));
    }

    @Override
    public CompletableFuture<Void> append(List<GroupRecord> records) {
        CompletableFuture<?>[] sent = new CompletableFuture<?>[records.size()];
        for (int i = 0; i < records.size(); i++) {
            GroupRecord record = records.get(i);
            sent[i] = producer.newMessage().key(RecordCodec.key(record)).value(RecordCodec.value(record)).sendAsync();
        }
        return CompletableFuture.allOf(sent);
    }

    @Override
    public CompletableFuture<Integer> replay(Consumer<GroupRecord> consumer) {
        AtomicInteger count = new AtomicInteger();
        return client.newReader(Schema.BYTES)
                .topic(topic)
                .startMessageId(MessageId.earliest)
                .readCompacted(true)
                .receiverQueueSize(1000)
                .createAsync()
                .thenCompose(reader -> {
                    CompletableFuture<Void> done = new CompletableFuture<>();
                    readNext(reader, consumer, count, done);
                    return done.whenComplete((v, e) -> reader.closeAsync());
                })
                .thenApply(v -> count.get());
    }

    /** One message per step, each step on the executor, so a long log cannot grow the stack. */
    private void readNext(Reader<byte[]> reader, Consumer<GroupRecord> consumer, AtomicInteger count,
                          CompletableFuture<Void> done) {
        reader.hasMessageAvailableAsync().thenCompose(available -> available
                        ? reader.readNextAsync() : CompletableFuture.<Message<byte[]>>completedFuture(null))
                .whenCompleteAsync((message, failure) -> {
                    if (failure != null) {
                        done.completeExceptionally(failure);
                    } else if (message == null) {
                        done.complete(null);
                    } else {
                        try {
                            apply(message, consumer);
                            count.incrementAndGet();
                        } catch (RuntimeException e) {
                            done.completeExceptionally(e);
                            return;
                        }
                        readNext(reader, consumer, count, done);
                    }
                }, executor);
    }

    private static void apply(Message<byte[]> message, Consumer<GroupRecord> consumer) {
        if (message.hasKey()) {
            consumer.accept(RecordCodec.decode(message.getKey(), message.getData()));
        }
    }

    @Override
    public CompletableFuture<Void> close() {
        return producer.closeAsync();
    }
}
