package io.tributary.kafka.api;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertSame;
import static org.testng.Assert.assertTrue;

import io.netty.channel.Channel;
import io.netty.channel.embedded.EmbeddedChannel;
import io.tributary.spi.storage.PartitionLogs;
import io.tributary.spi.storage.Publisher;
import java.util.concurrent.atomic.AtomicBoolean;
import org.testng.annotations.Test;

public class ClientConnectionTest {

    private final Channel channel = new EmbeddedChannel();
    private final Runnable resume = () -> { };
    private final AtomicBoolean held = new AtomicBoolean();
    private final Publisher publisher = held::get;

    @Test
    public void thePublisherIsMadeOnceNamedAfterTheConnectionAndClientWithTheAnnouncedSoftware() {
        PartitionLogs logs = logsMaking(publisher);
        ClientConnection connection = new ClientConnection("kafka-7", channel, resume);
        connection.clientSoftware("apache-kafka-java", "4.3.1");

        assertSame(connection.publisher(logs, "orders-app"), publisher);
        assertSame(connection.publisher(logs, "another-id"), publisher);

        verify(logs, times(1)).publisher(any(), anyString(), anyString(), any());
        verify(logs).publisher(channel, "kafka-7-orders-app", "apache-kafka-java/4.3.1", resume);
    }

    @Test
    public void aClientWithoutIdOrSoftwareIsNamedAfterTheConnection() {
        PartitionLogs logs = logsMaking(publisher);
        ClientConnection connection = new ClientConnection("kafka-8", channel, resume);
        connection.clientSoftware("", null);

        connection.publisher(logs, "");

        verify(logs).publisher(channel, "kafka-8", "kafka-client", resume);
    }

    @Test
    public void aSoftwareNameWithoutVersionIsKeptAsItIs() {
        PartitionLogs logs = logsMaking(publisher);
        ClientConnection connection = new ClientConnection("kafka-9", channel, resume);
        connection.clientSoftware("librdkafka", "");

        connection.publisher(logs, null);

        verify(logs).publisher(channel, "kafka-9", "librdkafka", resume);
    }

    @Test
    public void isThrottledOnlyWhileItsPublisherIsHeldBack() {
        ClientConnection connection = new ClientConnection("kafka-10", channel, resume);
        assertFalse(connection.throttled(), "a connection that never produced is not throttled");

        connection.publisher(logsMaking(publisher), "c");
        assertFalse(connection.throttled());
        held.set(true);
        assertTrue(connection.throttled());
        held.set(false);
        assertFalse(connection.throttled());
    }

    private static PartitionLogs logsMaking(Publisher publisher) {
        PartitionLogs logs = mock(PartitionLogs.class);
        when(logs.publisher(any(), anyString(), anyString(), any())).thenReturn(publisher);
        return logs;
    }
}
