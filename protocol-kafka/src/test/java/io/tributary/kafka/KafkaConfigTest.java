package io.tributary.kafka;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertTrue;
import static org.testng.Assert.expectThrows;

import io.tributary.spi.Endpoint;
import io.tributary.spi.storage.EntryFormat;
import java.util.Map;
import org.testng.annotations.Test;

public class KafkaConfigTest {

    @Test
    public void defaults() {
        KafkaConfig config = KafkaConfig.defaults();
        assertEquals(config.tenant(), "public");
        assertEquals(config.namespace(), "default");
        assertTrue(config.autoCreateTopics());
        assertEquals(config.defaultPartitions(), 1);
        assertEquals(config.maxRequestSize(), 100 * 1024 * 1024);
        assertEquals(config.entryFormat(), EntryFormat.PULSAR);
        assertFalse(config.advertisedListener("kafka").isPresent());
    }

    @Test
    public void parsesEveryKey() {
        KafkaConfig config = KafkaConfig.from(Map.of(
                "tenant", "t1", "namespace", "ns1", "autoCreateTopics", "false", "defaultPartitions", "4",
                "maxRequestSize", "2048", "entryFormat", "kafka",
                "advertisedListeners", "kafka://kafka.example:19092, internal://10.0.0.1:9093",
                "fetchSessionCacheSize", "0", "maxInFlightRequests", "5", "maxMessageBytes", "500"));
        assertEquals(config.tenant(), "t1");
        assertEquals(config.namespace(), "ns1");
        assertFalse(config.autoCreateTopics());
        assertEquals(config.defaultPartitions(), 4);
        assertEquals(config.maxRequestSize(), 2048);
        assertEquals(config.entryFormat(), EntryFormat.PASS_THROUGH);
        assertEquals(config.advertisedListener("kafka").orElseThrow(), new Endpoint("kafka.example", 19092));
        assertEquals(config.advertisedListener("internal").orElseThrow(), new Endpoint("10.0.0.1", 9093));
        assertEquals(config.fetchSessionCacheSize(), 0);
        assertEquals(config.maxInFlightRequests(), 5);
        assertEquals(config.maxMessageBytes(), 500);
    }

    @Test
    public void invalidValueNamesTheKey() {
        IllegalArgumentException e = expectThrows(IllegalArgumentException.class,
                () -> KafkaConfig.from(Map.of("defaultPartitions", "zero")));
        assertTrue(e.getMessage().contains("'defaultPartitions'"), e.getMessage());
        e = expectThrows(IllegalArgumentException.class, () -> KafkaConfig.from(Map.of("entryFormat", "avro")));
        assertTrue(e.getMessage().contains("'entryFormat'"), e.getMessage());
        e = expectThrows(IllegalArgumentException.class, () -> KafkaConfig.from(Map.of("autoCreateTopics", "yes")));
        assertTrue(e.getMessage().contains("'autoCreateTopics'"), e.getMessage());
        e = expectThrows(IllegalArgumentException.class,
                () -> KafkaConfig.from(Map.of("advertisedListeners", "host:9092")));
        assertTrue(e.getMessage().contains("'advertisedListeners'"), e.getMessage());
    }

    @Test
    public void unknownKeyIsRefused() {
        IllegalArgumentException e = expectThrows(IllegalArgumentException.class,
                () -> KafkaConfig.from(Map.of("defaultPartition", "3")));
        assertTrue(e.getMessage().contains("defaultPartition"), e.getMessage());
    }
}
