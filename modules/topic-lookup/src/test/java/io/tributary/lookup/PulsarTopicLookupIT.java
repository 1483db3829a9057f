package io.tributary.lookup;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertTrue;
import static org.testng.Assert.expectThrows;

import com.google.common.io.MoreFiles;
import com.google.common.io.RecursiveDeleteOption;
import io.tributary.spi.Endpoint;
import io.tributary.spi.topic.TopicExistsException;
import io.tributary.spi.topic.TopicMetadata;
import io.tributary.spi.topic.TopicName;
import io.tributary.spi.topic.TopicNotFoundException;
import io.tributary.standalone.BrokerSettings;
import io.tributary.standalone.EmbeddedBroker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.stream.IntStream;
import org.apache.pulsar.common.policies.data.BacklogQuota;
import org.apache.pulsar.common.policies.data.RetentionPolicies;
import org.testng.annotations.AfterClass;
import org.testng.annotations.BeforeClass;
import org.testng.annotations.Test;

public class PulsarTopicLookupIT {

    private Path dataDir;
    private EmbeddedBroker broker;
    private ProtocolEndpoints endpoints;
    private PulsarTopicLookup lookup;

    @BeforeClass
    public void startBroker() throws Exception {
        dataDir = Files.createTempDirectory("lookup-it");
        broker = new EmbeddedBroker(BrokerSettings.toConfiguration(BrokerSettings.singleNode(0, 0)), dataDir, true)
                .start();
        endpoints = new ProtocolEndpoints(broker.pulsar().getLocalMetadataStore());
        lookup = new PulsarTopicLookup(broker.pulsar(), endpoints);
    }

    @AfterClass(alwaysRun = true)
    public void stopBroker() throws IOException {
        if (broker != null) {
            broker.close();
        }
        if (dataDir != null) {
            MoreFiles.deleteRecursively(dataDir, RecursiveDeleteOption.ALLOW_INSECURE);
        }
    }

    private static Throwable failure(CompletableFuture<?> future) {
        return expectThrows(CompletionException.class, future::join).getCause();
    }

    @Test
    public void createsDescribesGrowsListsAndDeletesTopics() {
        TopicName topic = new TopicName("public", "default", "orders");
        TopicMetadata created = lookup.create(topic, 3, Map.of("retention.ms", "1000", "cleanup.policy", "compact"))
                .join();
        assertEquals(created.partitions(), 3);
        assertTrue(created.partitioned());
        assertEquals(created.config(), Map.of("retention.ms", "1000", "cleanup.policy", "compact"));
        assertEquals(lookup.describe(topic).join(), Optional.of(created));
        assertTrue(failure(lookup.create(topic, 1, Map.of())) instanceof TopicExistsException);

        TopicMetadata grown = lookup.createPartitions(topic, 5).join();
        assertEquals(grown.partitions(), 5);
        assertEquals(grown.topicId(), created.topicId());
        assertTrue(failure(lookup.createPartitions(topic, 5)) instanceof IllegalArgumentException);
        assertTrue(lookup.list("public", "default").join().contains(topic));

        lookup.delete(topic).join();
        assertEquals(lookup.describe(topic).join(), Optional.empty());
        assertTrue(failure(lookup.delete(topic)) instanceof TopicNotFoundException);
    }

    @Test
    public void keepsSettingsAsGivenAndRefusesABadRetentionNamingTheKey() {
        TopicName topic = new TopicName("public", "default", "recorded");
        Map<String, String> recorded = Map.of("flush.messages", "1");
        assertEquals(lookup.create(topic, 1, recorded).join().config(), recorded);
        assertEquals(lookup.describe(topic).join().orElseThrow().config(), recorded);
        Throwable failure = failure(lookup.create(new TopicName("public", "default", "bad"), 1,
                Map.of("retention.ms", "soon")));
        assertTrue(failure instanceof IllegalArgumentException, failure.toString());
        assertTrue(failure.getMessage().contains("retention.ms"), failure.getMessage());
        assertTrue(lookup.describe(new TopicName("public", "default", "bad")).join().isEmpty());
    }

    @Test
    public void retentionSettingsBecomeThePulsarRetentionPolicy() throws Exception {
        TopicName topic = new TopicName("public", "default", "kept");
        TopicMetadata created = lookup.create(topic, 2, Map.of("retention.ms", "90000")).join();
        assertEquals(retention(topic, new RetentionPolicies(2, -1)), new RetentionPolicies(2, -1));

        Map<String, String> altered = Map.of("retention.bytes", "1048577", "cleanup.policy", "delete");
        assertEquals(lookup.alterConfig(topic, altered).join().config(), altered);
        TopicMetadata described = lookup.describe(topic).join().orElseThrow();
        assertEquals(described.config(), altered);
        assertEquals(described.topicId(), created.topicId());
        assertEquals(described.partitions(), 2);
        assertEquals(retention(topic, new RetentionPolicies(10080, 2)), new RetentionPolicies(10080, 2));

        lookup.alterConfig(topic, Map.of()).join();
        assertEquals(lookup.describe(topic).join().orElseThrow().config(), Map.of());
        assertEquals(retention(topic, null), null);
    }

    @Test
    public void concurrentUpdatesAreAllKept() {
        TopicName topic = new TopicName("public", "default", "contended");
        lookup.create(topic, 1, Map.of("retention.ms", "60000")).join();
        PulsarTopicLookup other = new PulsarTopicLookup(broker.pulsar(), endpoints);
        List<CompletableFuture<TopicMetadata>> updates = IntStream.range(0, 8)
                .mapToObj(i -> (i % 2 == 0 ? lookup : other).updateConfig(topic, current -> {
                    Map<String, String> next = new TreeMap<>(current);
                    next.put("key." + i, Integer.toString(i));
                    return next;
                }))
                .toList();
        updates.forEach(CompletableFuture::join);
        Map<String, String> expected = new TreeMap<>(Map.of("retention.ms", "60000"));
        IntStream.range(0, 8).forEach(i -> expected.put("key." + i, Integer.toString(i)));
        assertEquals(new TreeMap<>(lookup.describe(topic).join().orElseThrow().config()), expected,
                "every update applied over the one before it");
    }

    @Test
    public void alterConfigRefusesBadSettingsAndMissingTopics() {
        TopicName topic = new TopicName("public", "default", "unaltered");
        lookup.create(topic, 1, Map.of("retention.ms", "60000")).join();
        assertTrue(failure(lookup.alterConfig(topic, Map.of("retention.bytes", "-7")))
                instanceof IllegalArgumentException);
        assertTrue(failure(lookup.alterConfig(topic, Map.of("retention.ms", "soon")))
                instanceof IllegalArgumentException);
        assertEquals(lookup.describe(topic).join().orElseThrow().config(), Map.of("retention.ms", "60000"));
        assertTrue(failure(lookup.alterConfig(new TopicName("public", "default", "absent"), Map.of()))
                instanceof TopicNotFoundException);

        TopicName withoutRetention = new TopicName("public", "default", "never-retained");
        lookup.create(withoutRetention, 1, Map.of()).join();
        assertEquals(lookup.alterConfig(withoutRetention, Map.of("cleanup.policy", "delete")).join().config(),
                Map.of("cleanup.policy", "delete"));
    }

    @Test
    public void aRetentionPulsarRefusesFailsTheCreationAndLeavesNoTopic() throws Exception {
        broker.pulsar().getAdminClient().namespaces().createNamespace("public/quota");
        broker.pulsar().getAdminClient().namespaces().setBacklogQuota("public/quota",
                BacklogQuota.builder().limitSize(10L << 20)
                        .retentionPolicy(BacklogQuota.RetentionPolicy.producer_request_hold).build());
        TopicName topic = new TopicName("public", "quota", "refused");
        Throwable refused = failure(lookup.create(topic, 2, Map.of("retention.bytes", "1048576")));
        assertTrue(refused instanceof IllegalArgumentException, refused.toString());
        assertTrue(refused.getMessage().contains("retention"), refused.getMessage());
        assertEquals(lookup.describe(topic).join(), Optional.empty());
    }

    /** The topic's retention policy once it is {@code expected}, or the last one read after 30 s. */
    private RetentionPolicies retention(TopicName topic, RetentionPolicies expected) throws Exception {
        RetentionPolicies current = null;
        for (long deadline = System.nanoTime() + 30_000_000_000L; System.nanoTime() < deadline; Thread.sleep(100)) {
            current = broker.pulsar().getAdminClient().topicPolicies().getRetention(topic.pulsarName());
            if (Objects.equals(current, expected)) {
                break;
            }
        }
        return current;
    }

    @Test
    public void describesNonPartitionedPulsarTopics() throws Exception {
        String name = "persistent://public/default/plain";
        broker.pulsar().getAdminClient().topics().createNonPartitionedTopic(name);
        TopicName topic = new TopicName("public", "default", "plain");
        TopicMetadata metadata = lookup.describe(topic).join().orElseThrow();
        assertEquals(metadata.partitions(), 1);
        assertFalse(metadata.partitioned());
        assertEquals(lookup.describe(topic).join().orElseThrow().topicId(), metadata.topicId());
        assertTrue(lookup.list("public", "default").join().contains(topic));
    }

    @Test
    public void findsTheOwnersEndpoint() {
        String brokerId = broker.pulsar().getBrokerId();
        endpoints.publish(brokerId, "kafka", List.of(new Endpoint("kafka.local", 9092))).join();
        endpoints.publish(brokerId, "mqtt", List.of(new Endpoint("mqtt.local", 1883))).join();
        TopicName topic = new TopicName("public", "default", "owned");
        lookup.create(topic, 2, Map.of()).join();
        assertEquals(lookup.owner(topic, 1, "kafka").join(), new Endpoint("kafka.local", 9092));
        assertEquals(lookup.owner(topic, 0, "mqtt").join(), new Endpoint("mqtt.local", 1883));
        assertTrue(failure(lookup.owner(topic, 2, "kafka")) instanceof TopicNotFoundException);

        endpoints.publish(brokerId, "mqtt", List.of()).join();
        assertEquals(endpoints.find(brokerId, "mqtt").join(), Optional.empty());
        assertEquals(endpoints.find(brokerId, "kafka").join(), Optional.of(new Endpoint("kafka.local", 9092)));
        endpoints.unpublishAll(brokerId).join();
        assertEquals(endpoints.find(brokerId, "kafka").join(), Optional.empty());
    }

    @Test
    public void listsTheEndpointsOfRunningBrokersOnly() {
        String brokerId = broker.pulsar().getBrokerId();
        endpoints.publish(brokerId, "kafka", List.of(new Endpoint("kafka.local", 9092))).join();
        endpoints.publish("gone.example:8080", "kafka", List.of(new Endpoint("gone.example", 9092))).join();
        try {
            assertEquals(lookup.brokers("kafka").join(), List.of(new Endpoint("kafka.local", 9092)));
            assertEquals(lookup.brokers("mqtt").join(), List.of());
        } finally {
            endpoints.unpublishAll("gone.example:8080").join();
            endpoints.unpublishAll(brokerId).join();
        }
    }
}
