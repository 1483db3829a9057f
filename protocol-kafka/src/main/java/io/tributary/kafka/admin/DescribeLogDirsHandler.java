package io.tributary.kafka.admin;

import io.tributary.kafka.api.ApiHandler;
import io.tributary.kafka.api.Futures;
import io.tributary.kafka.api.RequestContext;
import io.tributary.kafka.metadata.PartitionLeaders;
import io.tributary.kafka.topic.KafkaTopics;
import io.tributary.spi.storage.PartitionLogs;
import io.tributary.spi.topic.TopicMetadata;
import io.tributary.spi.topic.TopicName;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.message.DescribeLogDirsRequestData;
import org.apache.kafka.common.message.DescribeLogDirsRequestData.DescribableLogDirTopic;
import org.apache.kafka.common.message.DescribeLogDirsResponseData;
import org.apache.kafka.common.message.DescribeLogDirsResponseData.DescribeLogDirsPartition;
import org.apache.kafka.common.message.DescribeLogDirsResponseData.DescribeLogDirsResult;
import org.apache.kafka.common.message.DescribeLogDirsResponseData.DescribeLogDirsTopic;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;

/**
 * The partitions this broker leads and the bytes each takes in storage ({@code kafka-log-dirs --describe}), as
 * one log directory: a partition's data is its Pulsar topic's managed ledger, in BookKeeper, so there is no
 * local directory or volume to report ({@code TotalBytes} and {@code UsableBytes} are -1, Kafka's "unknown").
 */
public final class DescribeLogDirsHandler implements ApiHandler<DescribeLogDirsRequestData, DescribeLogDirsResponseData> {

    static final String LOG_DIR = "pulsar-managed-ledgers";

    private final KafkaTopics topics;
    private final PartitionLogs logs;
    private final PartitionLeaders leaders;

    public DescribeLogDirsHandler(KafkaTopics topics, PartitionLogs logs, PartitionLeaders leaders) {
        this.topics = topics;
        this.logs = logs;
        this.leaders = leaders;
    }

    @Override
    public ApiKeys apiKey() {
        return ApiKeys.DESCRIBE_LOG_DIRS;
    }

    @Override
    public short minVersion() {
        return 1;
    }

    @Override
    public short maxVersion() {
        return 5;
    }

    @Override
    public CompletableFuture<DescribeLogDirsResponseData> handle(RequestContext context,
                                                                 DescribeLogDirsRequestData request) {
        return requested(request)
                .thenCompose(wanted -> Futures.all(wanted.stream().map(topic -> describe(context, topic)).toList()))
                .thenApply(described -> {
                    DescribeLogDirsResult dir = new DescribeLogDirsResult()
                            .setErrorCode(Errors.NONE.code())
                            .setLogDir(LOG_DIR)
                            .setTotalBytes(-1)
                            .setUsableBytes(-1);
                    described.stream().flatMap(Optional::stream).forEach(dir.topics()::add);
                    return new DescribeLogDirsResponseData().setResults(List.of(dir));
                });
    }

    private record Wanted(TopicName name, Set<Integer> partitions) {
    }

    /** Every topic of the default namespace when the request names none, as Kafka's null list means. */
    private CompletableFuture<List<Wanted>> requested(DescribeLogDirsRequestData request) {
        if (request.topics() == null) {
            return topics.listDefaultNamespace()
                    .thenApply(names -> names.stream().map(name -> new Wanted(name, null)).toList());
        }
        List<Wanted> wanted = new ArrayList<>();
        for (DescribableLogDirTopic topic : request.topics()) {
            try {
                wanted.add(new Wanted(topics.parse(topic.topic()), Set.copyOf(topic.partitions())));
            } catch (RuntimeException e) {
                // Kafka leaves a name it does not host out of the answer; a malformed one is no different.
            }
        }
        return CompletableFuture.completedFuture(wanted);
    }

    private CompletableFuture<Optional<DescribeLogDirsTopic>> describe(RequestContext context, Wanted wanted) {
        return topics.describe(wanted.name())
                .thenCompose(found -> found.isEmpty()
                        ? CompletableFuture.completedFuture(Optional.<DescribeLogDirsTopic>empty())
                        : ledHere(context, found.get(), wanted))
                .exceptionally(e -> Optional.empty());
    }

    private CompletableFuture<Optional<DescribeLogDirsTopic>> ledHere(RequestContext context, TopicMetadata topic,
                                                                      Wanted wanted) {
        return leaders.of(context, topic).thenCompose(owners -> {
            List<CompletableFuture<Optional<DescribeLogDirsPartition>>> sizes = new ArrayList<>();
            for (int partition = 0; partition < owners.size(); partition++) {
                boolean led = owners.get(partition).filter(context.self()::equals).isPresent();
                if (led && (wanted.partitions() == null || wanted.partitions().contains(partition))) {
                    sizes.add(size(topic.name(), partition));
                }
            }
            return Futures.all(sizes).thenApply(partitions -> {
                List<DescribeLogDirsPartition> present = partitions.stream().flatMap(Optional::stream).toList();
                return present.isEmpty() ? Optional.<DescribeLogDirsTopic>empty()
                        : Optional.of(new DescribeLogDirsTopic().setName(topics.kafkaName(topic.name()))
                                .setPartitions(present));
            });
        });
    }

    private CompletableFuture<Optional<DescribeLogDirsPartition>> size(TopicName topic, int partition) {
        return logs.open(topic, partition)
                .thenApply(log -> Optional.of(new DescribeLogDirsPartition()
                        .setPartitionIndex(partition)
                        .setPartitionSize(log.sizeBytes())
                        .setOffsetLag(0)
                        .setIsFutureKey(false)))
                .exceptionally(e -> Optional.empty());
    }
}
