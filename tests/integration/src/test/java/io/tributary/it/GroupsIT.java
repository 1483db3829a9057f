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
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.pulsar.client.admin.PulsarAdmin;
import org.apache.pulsar.common.policies.data.SubscriptionStats;
import org.testng.annotations.AfterClass;
import org.testng.annotations.BeforeClass;
import org.testng.annotations.Test;

/** Consumer groups with unmodified Kafka clients (Java, kcat) on a real broker. */
public class GroupsIT {

    private static final Duration BOUND = Duration.ofSeconds(60);

    private final int kafkaPort = FreePorts.next();
    private TributaryBroker broker;
    private KafkaClients kafka;
    private String bootstrap;

    @BeforeClass
    public void startBroker() throws Exception {
        broker = TributaryBroker.startKafka(kafkaPort);
        kafka = new KafkaClients(kafkaPort);
        bootstrap = "localhost:" + kafkaPort;
    }

    @AfterClass(alwaysRun = true)
    public void stopBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    public void threeConsumersSplitSixPartitionsAndReadEveryRecordOnce() throws Exception {
        String topic = "split";
        kafka.createTopic(topic, 6);
        List<GroupMember> members = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                members.add(GroupMember.start("m" + i, bootstrap, "split-group", topic, false));
            }
            Eventually.until("the partitions are split 2/2/2", BOUND, () -> members.stream()
                    .allMatch(m -> m.assignment().size() == 2));
            Set<TopicPartition> union = new HashSet<>();
            members.forEach(m -> union.addAll(m.assignment()));
            assertEquals(union.size(), 6);

            List<String> sent = produce(topic, 600, "split-");
            Eventually.until("every record arrived", BOUND, () -> total(members) >= sent.size());
            List<String> all = new ArrayList<>();
            members.forEach(m -> all.addAll(m.received));
            assertEquals(GroupMember.counts(all), GroupMember.counts(sent), "each record exactly once");
            members.forEach(m -> assertTrue(!m.received.isEmpty(), m.name + " received nothing"));
        } finally {
            for (GroupMember member : members) {
                member.close();
            }
        }
    }

    @Test
    public void leavingAndDyingMembersRebalanceWithoutSkippingRecords() throws Exception {
        String topic = "churn";
        String group = "churn-group";
        kafka.createTopic(topic, 6);
        List<String> sent = new ArrayList<>();
        try (GroupMember stays = GroupMember.start("stays", bootstrap, group, topic, true);
             ExternalMember dies = ExternalMember.start(bootstrap, group, topic)) {
            GroupMember leaves = GroupMember.start("leaves", bootstrap, group, topic, true);
            Eventually.until("three members share the partitions", BOUND, () -> stays.assignment().size() == 2
                    && leaves.assignment().size() == 2 && dies.assigned() == 2);
            sent.addAll(produce(topic, 300, "before-"));
            Eventually.until("the first records arrived", BOUND, () ->
                    stays.received.size() + leaves.received.size() + dies.received.size() >= 300);

            leaves.close();
            Eventually.until("the members left rebalance after a leave", BOUND, () ->
                    stays.assignment().size() == 3 && dies.assigned() == 3);
            sent.addAll(produce(topic, 300, "after-leave-"));

            dies.kill();
            Eventually.until("the survivor takes over after the session timeout", BOUND, () ->
                    stays.assignment().size() == 6);
            sent.addAll(produce(topic, 300, "after-death-"));

            Set<String> missing = new HashSet<>(sent);
            try {
                Eventually.until("every record was received", BOUND, () -> {
                    missing.removeAll(stays.received);
                    missing.removeAll(leaves.received);
                    missing.removeAll(dies.received);
                    return missing.isEmpty();
                });
            } catch (AssertionError e) {
                throw new AssertionError(missing.size() + " records never arrived, e.g. "
                        + missing.stream().sorted().limit(10).toList() + "; " + diagnose(topic, group, missing)
                        + "; assigned: stays " + stays.assignment() + ", dies " + dies.assigned(), e);
            }
            try (Admin admin = kafka.admin()) {
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                        .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
                Eventually.until("the survivor committed everything", BOUND, () -> admin.listConsumerGroupOffsets(group)
                        .partitionsToOffsetAndMetadata().get().values().stream().mapToLong(OffsetAndMetadata::offset)
                        .sum() == sent.size());
                assertEquals(committed.size(), 6);
            }
        }
    }

    @Test
    public void committedOffsetsSurviveARestart() throws Exception {
        String topic = "durable";
        kafka.createTopic(topic, 2);
        try (KafkaProducer<String, String> producer = kafka.producer(Map.of())) {
            for (int i = 0; i < 100; i++) {
                producer.send(new ProducerRecord<>(topic, i % 2, "k", "durable-" + i));
            }
        }
        TopicPartition p0 = new TopicPartition(topic, 0);
        TopicPartition p1 = new TopicPartition(topic, 1);
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(GroupMember.settings(bootstrap,
                "durable-group", true))) {
            consumer.assign(List.of(p0, p1));
            consumer.commitSync(Map.of(p0, new OffsetAndMetadata(30, "kept"), p1, new OffsetAndMetadata(40)));
        }
        int groups = 1000;
        int partitionsPerGroup = 10;
        long committing = System.nanoTime();
        commitManyOffsets(topic, groups, partitionsPerGroup);
        PulsarAdmin pulsar = BrokerAdmin.of(broker);
        Eventually.until("a subscription for every group on both partitions", BOUND, () -> {
            for (int p = 0; p < 2; p++) {
                if (pulsar.topics().getStats("persistent://public/default/" + topic + "-partition-" + p)
                        .getSubscriptions().size() < groups + 1) {
                    return false;
                }
            }
            return true;
        });
        System.out.printf("Mirrored %d committed offsets into subscriptions in %d ms%n", groups * partitionsPerGroup,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - committing));

        broker.restart();

        long started = System.nanoTime();
        try (Admin admin = kafka.admin()) {
            Eventually.until("the groups are listed after the restart", BOUND, () -> admin.listConsumerGroups()
                    .all().get(30, TimeUnit.SECONDS).size() >= groups + 1);
        }
        long loadMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        System.out.printf("Loaded %d committed offsets of %d groups after the restart in %d ms%n",
                groups * partitionsPerGroup + 2, groups + 1, loadMs);

        try (Admin admin = kafka.admin();
             GroupMember resumed = GroupMember.start("resumed", bootstrap, "durable-group", topic, false)) {
            assertEquals(admin.listConsumerGroupOffsets("durable-group").partitionsToOffsetAndMetadata()
                    .get(30, TimeUnit.SECONDS).get(p0), new OffsetAndMetadata(30, "kept"));
            Eventually.until("the new member consumed to the end and committed it", BOUND, () ->
                    admin.listConsumerGroupOffsets("durable-group").partitionsToOffsetAndMetadata().get().values()
                            .stream().mapToLong(OffsetAndMetadata::offset).sum() == 100);
            assertEquals(resumed.received.size(), 20 + 10, "resumed at offsets 30 and 40, not earlier");
        }
        try (Admin admin = kafka.admin()) {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets("group-7")
                    .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
            assertEquals(committed.size(), partitionsPerGroup);
            assertEquals(committed.get(new TopicPartition(topic, 3)).offset(), 7L + 3);
        }
    }

    @Test
    public void kcatConsumesAsAGroupAndCommits() throws Exception {
        String topic = "kcat-group-topic";
        kafka.createTopic(topic, 3);
        List<String> sent = produce(topic, 30, "kcat-");
        String out = Kcat.run("", "-C", "-b", bootstrap, "-G", "kcat-group", "-X", "auto.offset.reset=earliest",
                "-c", "30", "-f", "%s\\n", topic);
        List<String> received = out.lines().filter(l -> !l.isBlank()).toList();
        assertEquals(new HashSet<>(received), new HashSet<>(sent));
        try (Admin admin = kafka.admin()) {
            Eventually.until("kcat's offsets are committed", BOUND, () -> admin.listConsumerGroupOffsets("kcat-group")
                    .partitionsToOffsetAndMetadata().get().values().stream().mapToLong(OffsetAndMetadata::offset)
                    .sum() == 30);
            assertTrue(admin.listConsumerGroups().all().get().stream().map(ConsumerGroupListing::groupId)
                    .anyMatch("kcat-group"::equals));
        }
    }

    @Test
    public void committedOffsetsAreMirroredToAPulsarSubscription() throws Exception {
        TopicPartition partition = kafka.topicWithRecords("mirrored", 10);
        kafka.commit("mirror-group", partition, 4);
        PulsarAdmin pulsar = BrokerAdmin.of(broker);
        Eventually.until("the subscription shows the committed position", BOUND, () -> {
            SubscriptionStats stats = BrokerAdmin.subscriptions(pulsar, partition).get("mirror-group");
            return stats != null && stats.getMsgBacklog() == 10 - 4;
        });

        try (Admin admin = kafka.admin()) {
            admin.deleteConsumerGroups(List.of("mirror-group")).all().get(30, TimeUnit.SECONDS);
        }
        Eventually.until("deleting the group removes the subscription", BOUND, () ->
                !BrokerAdmin.subscriptions(pulsar, partition).containsKey("mirror-group"));
    }

    @Test
    public void offsetsCommittedJustBeforeARestartReachTheSubscription() throws Exception {
        TopicPartition partition = kafka.topicWithRecords("mirrored-on-stop", 10);
        kafka.commit("mirror-on-stop", partition, 7);

        broker.restart();

        PulsarAdmin pulsar = BrokerAdmin.of(broker);
        Eventually.until("the subscription shows the offset committed before the restart, with no group request since",
                BOUND, () -> {
                    SubscriptionStats stats = BrokerAdmin.subscriptions(pulsar, partition).get("mirror-on-stop");
                    return stats != null && stats.getMsgBacklog() == 10 - 7;
                });
    }

    private void commitManyOffsets(String topic, int groups, int partitionsPerGroup) throws Exception {
        try (Admin admin = kafka.admin()) {
            List<org.apache.kafka.common.KafkaFuture<Void>> pending = new ArrayList<>();
            for (int g = 0; g < groups; g++) {
                Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
                for (int p = 0; p < partitionsPerGroup; p++) {
                    offsets.put(new TopicPartition(topic, p), new OffsetAndMetadata(g + p));
                }
                pending.add(admin.alterConsumerGroupOffsets("group-" + g, offsets).all());
            }
            for (var future : pending) {
                future.get(60, TimeUnit.SECONDS);
            }
        }
    }

    /** {@link #whereInTheLog}, or why it could not be found out, so the failure being explained is kept. */
    private String diagnose(String topic, String group, Set<String> values) {
        try {
            return whereInTheLog(topic, group, values);
        } catch (Exception e) {
            return "where they are in the log is unknown: " + e;
        }
    }

    /**
     * Where the given values are in the topic, read from the start of each partition without a group, next
     * to the group's committed offsets and each partition's end: tells records that were never stored from
     * records that were not delivered.
     */
    private String whereInTheLog(String topic, String group, Set<String> values) throws Exception {
        Map<Integer, List<Long>> offsets = new TreeMap<>();
        Map<TopicPartition, Long> ends;
        try (KafkaConsumer<String, String> reader = new KafkaConsumer<>(GroupMember.settings(bootstrap,
                "diagnostics-" + System.nanoTime(), true))) {
            List<TopicPartition> partitions = reader.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            reader.assign(partitions);
            reader.seekToBeginning(partitions);
            ends = reader.endOffsets(partitions);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (partitions.stream().anyMatch(tp -> reader.position(tp) < ends.get(tp))
                    && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : reader.poll(Duration.ofMillis(200))) {
                    if (values.contains(record.value())) {
                        offsets.computeIfAbsent(record.partition(), p -> new ArrayList<>()).add(record.offset());
                    }
                }
            }
        }
        Map<TopicPartition, OffsetAndMetadata> committed;
        try (Admin admin = kafka.admin()) {
            committed = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
        }
        return "in the log at (partition=offsets) " + offsets + ", " + (values.size()
                - offsets.values().stream().mapToInt(List::size).sum()) + " not found; committed " + committed
                + "; ends " + ends;
    }

    private List<String> produce(String topic, int count, String prefix) throws Exception {
        List<String> values = IntStream.range(0, count).mapToObj(i -> prefix + i).toList();
        try (KafkaProducer<String, String> producer = kafka.producer(Map.of())) {
            List<java.util.concurrent.Future<?>> sent = new ArrayList<>();
            for (String value : values) {
                sent.add(producer.send(new ProducerRecord<>(topic, value, value)));
            }
            for (var future : sent) {
                future.get(60, TimeUnit.SECONDS);
            }
        }
        return values;
    }


    private static int total(List<GroupMember> members) {
        return members.stream().mapToInt(m -> m.received.size()).sum();
    }
}
