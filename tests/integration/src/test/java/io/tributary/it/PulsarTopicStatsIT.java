package io.tributary.it;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.pulsar.client.admin.PulsarAdmin;
import org.apache.pulsar.common.policies.data.PublishRate;
import org.apache.pulsar.common.policies.data.PublisherStats;
import org.apache.pulsar.common.policies.data.TopicStats;
import org.testng.annotations.AfterClass;
import org.testng.annotations.BeforeClass;
import org.testng.annotations.Test;

/** What Pulsar's own admin tools show of Kafka producers, and how Pulsar's publish rate limits hold them. */
public class PulsarTopicStatsIT {

    private static final String VALUE = "v".repeat(1000);

    private final int kafkaPort = FreePorts.next();
    private TributaryBroker broker;
    private KafkaClients kafka;
    private PulsarAdmin pulsarAdmin;

    @BeforeClass
    public void startBroker() throws Exception {
        broker = TributaryBroker.start("kafka://0.0.0.0:" + kafkaPort,
                Map.of("statsUpdateInitialDelayInSecs", "1", "statsUpdateFrequencyInSecs", "1"),
                TributaryBroker.KAFKA_MODULE);
        kafka = new KafkaClients(kafkaPort);
        pulsarAdmin = BrokerAdmin.of(broker);
    }

    @AfterClass(alwaysRun = true)
    public void stopBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    public void aKafkaProducerIsAPublisherOfEachPartitionItWritesTo() throws Exception {
        String topic = "stats-listed";
        String partition0 = "persistent://public/default/" + topic + "-partition-0";
        kafka.createTopic(topic, 1);
        try (KafkaProducer<String, String> producer = kafka.producer(Map.of(ProducerConfig.CLIENT_ID_CONFIG,
                "stats-client"))) {
            send(producer, topic, 50);

            TopicStats stats = pulsarAdmin.topics().getStats(partition0);
            assertEquals(stats.getMsgInCounter(), 50);
            assertTrue(stats.getBytesInCounter() >= 50 * VALUE.length(), "bytes in: " + stats.getBytesInCounter());
            assertEquals(stats.getPublishers().size(), 1, "publishers: " + stats.getPublishers());
            PublisherStats publisher = stats.getPublishers().get(0);
            assertTrue(publisher.getProducerName().endsWith("-stats-client"), publisher.getProducerName());
            assertTrue(publisher.getClientVersion().startsWith("apache-kafka-java/"), publisher.getClientVersion());
            assertTrue(publisher.getAddress().contains("127.0.0.1"), publisher.getAddress());

            send(producer, topic, 50);
            Eventually.until("the publish rate shows in the topic stats", Duration.ofSeconds(30), () -> {
                TopicStats now = pulsarAdmin.topics().getStats(partition0);
                return now.getMsgInCounter() == 100 && now.getMsgRateIn() > 0
                        && now.getPublishers().get(0).getMsgRateIn() > 0;
            });

            Eventually.until("the broker's Prometheus metrics count the topic's messages", Duration.ofSeconds(30),
                    () -> metricOf("pulsar_in_messages_total", partition0) == 100);

            pulsarAdmin.topics().unload(partition0);
            send(producer, topic, 10);
            TopicStats reloaded = pulsarAdmin.topics().getStats(partition0);
            assertEquals(reloaded.getMsgInCounter(), 10, "counted on the reloaded topic");
            assertEquals(reloaded.getPublishers().size(), 1, "listed again after the unload");
        }
        Eventually.until("the producer leaves the topic when its connection closes", Duration.ofSeconds(30),
                () -> pulsarAdmin.topics().getStats(partition0).getPublishers().isEmpty());
    }

    @Test
    public void aTopicWithAConnectedKafkaProducerCanBeDeleted() throws Exception {
        String topic = "stats-deleted";
        kafka.createTopic(topic, 1);
        try (KafkaProducer<String, String> producer = kafka.producer(Map.of());
             Admin admin = kafka.admin()) {
            send(producer, topic, 5);
            admin.deleteTopics(List.of(topic)).all().get(60, TimeUnit.SECONDS);
            assertTrue(!admin.listTopics().names().get().contains(topic));
        }
    }

    /**
     * 1,000 records against a limit of 200 messages a second, of which a full bucket's worth may pass at
     * once, take at least 4 seconds; unthrottled they take well under one.
     */
    @Test
    public void pulsarsPublishRateLimitHoldsAKafkaProducerBack() throws Exception {
        String topic = "stats-limited";
        String pulsarTopic = "persistent://public/default/" + topic;
        kafka.createTopic(topic, 1);
        pulsarAdmin.topicPolicies().setPublishRate(pulsarTopic, new PublishRate(200, -1));
        Eventually.until("the publish rate policy applies", Duration.ofSeconds(30),
                () -> pulsarAdmin.topicPolicies().getPublishRate(pulsarTopic) != null);
        try (KafkaProducer<String, String> producer = kafka.producer(Map.of(ProducerConfig.LINGER_MS_CONFIG, 0))) {
            send(producer, topic, 10);
            long started = System.nanoTime();
            send(producer, topic, 1000);
            long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            assertTrue(elapsedMs >= 2000, "1,000 records at 200 a second took only " + elapsedMs + " ms");
        }
        assertEquals(pulsarAdmin.topics().getStats(pulsarTopic + "-partition-0").getMsgInCounter(), 1010);
    }

    /** The value of a topic-level metric on the broker's Prometheus endpoint, or -1 when it is not there. */
    private double metricOf(String name, String pulsarTopic) throws Exception {
        String label = "topic=\"" + pulsarTopic + "\"";
        return broker.metrics().lines()
                .filter(line -> line.startsWith(name + "{") && line.contains(label))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .findFirst().orElse(-1);
    }

    private static void send(KafkaProducer<String, String> producer, String topic, int count) throws Exception {
        List<Future<RecordMetadata>> sent = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            sent.add(producer.send(new ProducerRecord<>(topic, "k" + i, VALUE)));
        }
        for (Future<RecordMetadata> future : sent) {
            future.get(60, TimeUnit.SECONDS);
        }
    }

}
