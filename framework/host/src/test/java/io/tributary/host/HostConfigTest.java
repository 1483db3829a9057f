package io.tributary.host;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertTrue;
import static org.testng.Assert.expectThrows;

import io.netty.util.internal.PlatformDependent;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.function.ToLongFunction;
import org.testng.annotations.Test;

public class HostConfigTest {

    @Test
    public void readsListenersAndModuleProperties() {
        Properties broker = new Properties();
        broker.setProperty("tributary.listeners", "kafka://0.0.0.0:9092, kafka://127.0.0.1:19092,mqtt://0.0.0.0:1883");
        broker.setProperty("tributary.advertisedListeners", "kafka://broker-1.example:9092");
        broker.setProperty("tributary.drainTimeoutMs", "2500");
        broker.setProperty("kafka.defaultPartitions", " 3 ");
        broker.setProperty("kafkaOther", "x");

        HostConfig config = HostConfig.from(broker);

        assertEquals(config.listenersOf("kafka"), List.of(
                new ListenerSpec("kafka", "0.0.0.0", 9092), new ListenerSpec("kafka", "127.0.0.1", 19092)));
        assertEquals(config.listenersOf("mqtt"), List.of(new ListenerSpec("mqtt", "0.0.0.0", 1883)));
        assertEquals(config.advertisedFor("kafka", 0), Optional.of(new ListenerSpec("kafka", "broker-1.example", 9092)));
        assertEquals(config.advertisedFor("kafka", 1), Optional.empty());
        assertEquals(config.drainTimeout(), Duration.ofMillis(2500));
        assertEquals(config.moduleProperties("kafka"), Map.of("defaultPartitions", "3"));
    }

    @Test
    public void defaultsApplyWhenNothingIsSet() {
        HostConfig config = HostConfig.from(new Properties());

        assertTrue(config.listeners().isEmpty());
        assertEquals(config.drainTimeout(), Duration.ofSeconds(10));
        assertEquals(config.adminAddress(), Optional.of(new ListenerSpec("http", "127.0.0.1", 8081)));
        assertTrue(config.modulesDirectory().isAbsolute());
    }

    @Test
    public void emptyAdminAddressDisablesTheAdminListener() {
        Properties broker = new Properties();
        broker.setProperty("tributary.adminAddress", "");

        assertEquals(HostConfig.from(broker).adminAddress(), Optional.empty());
    }

    @Test
    public void recentBatchMemoryIsAnEighthOfDirectMemoryUnlessSet() {
        assertMemorySetting("tributary.recentBatchesMb", 8, HostConfig::recentBatchesBytes);
    }

    @Test
    public void readAheadMemoryIsASixteenthOfDirectMemoryUnlessSet() {
        assertMemorySetting("tributary.readAheadMb", 16, HostConfig::readAheadBytes);
    }

    /** {@code auto} by default, as a share of direct memory; 0 and a size in MiB when set; never negative. */
    private static void assertMemorySetting(String key, int divisorOfDirectMemory, ToLongFunction<HostConfig> bytes) {
        assertEquals(bytes.applyAsLong(HostConfig.from(new Properties())),
                PlatformDependent.maxDirectMemory() / divisorOfDirectMemory);
        Properties broker = new Properties();
        broker.setProperty(key, "0");
        assertEquals(bytes.applyAsLong(HostConfig.from(broker)), 0);
        broker.setProperty(key, "48");
        assertEquals(bytes.applyAsLong(HostConfig.from(broker)), 48L << 20);
        assertEquals(failure(key, "-5"), key + " must not be negative, not '-5'");
        assertEquals(failure(key, "lots"), key + " must not be negative, not 'lots'");
    }

    @Test
    public void badValuesNameTheirKey() {
        assertEquals(failure("tributary.listeners", "kafka:9092"),
                "tributary.listeners: expected protocol://host:port, got 'kafka:9092'");
        assertEquals(failure("tributary.drainTimeoutMs", "-1"),
                "tributary.drainTimeoutMs must be a positive number, not '-1'");
        assertTrue(failure("tributary.modulesDir", "x").startsWith("unknown setting tributary.modulesDir"));
    }

    private static String failure(String key, String value) {
        Properties broker = new Properties();
        broker.setProperty(key, value);
        return expectThrows(IllegalArgumentException.class, () -> HostConfig.from(broker)).getMessage();
    }
}
