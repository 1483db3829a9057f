package io.tributary.standalone;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertTrue;

import com.google.common.io.MoreFiles;
import com.google.common.io.RecursiveDeleteOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.apache.pulsar.client.api.Consumer;
import org.apache.pulsar.client.api.Message;
import org.apache.pulsar.client.api.Producer;
import org.apache.pulsar.client.api.PulsarClient;
import org.apache.pulsar.client.api.SubscriptionInitialPosition;
import org.testng.annotations.AfterClass;
import org.testng.annotations.BeforeClass;
import org.testng.annotations.Test;

public class EmbeddedBrokerTest {

    private Path dir;
    private EmbeddedBroker broker;
    private long connectionsBeforeStart;

    /** Ports 0: the broker binds ports of its own choosing and reports them, so no chosen port can be taken first. */
    @BeforeClass
    public void startBroker() throws Exception {
        dir = Files.createTempDirectory("embedded-broker");
        connectionsBeforeStart = InJvmBookieTransport.connectionsAccepted();
        broker = new EmbeddedBroker(BrokerSettings.toConfiguration(BrokerSettings.singleNode(0, 0)),
                dir, true).start();
    }

    @AfterClass(alwaysRun = true)
    public void stop() throws Exception {
        if (broker != null) {
            broker.close();
        }
        MoreFiles.deleteRecursively(dir, RecursiveDeleteOption.ALLOW_INSECURE);
    }

    @Test
    public void theBrokerWritesAndReadsItsBookieInProcess() throws Exception {
        byte[] small = {1, 2, 3};
        byte[] large = new byte[200 * 1024];
        new Random(11).nextBytes(large);
        String topic = "persistent://public/default/in-process";
        try (PulsarClient client = PulsarClient.builder().serviceUrl(broker.brokerServiceUrl()).build();
             Producer<byte[]> producer = client.newProducer().topic(topic).enableBatching(false).create()) {
            producer.send(small);
            producer.send(large);
            try (Consumer<byte[]> consumer = client.newConsumer().topic(topic).subscriptionName("check")
                    .subscriptionInitialPosition(SubscriptionInitialPosition.Earliest).subscribe()) {
                broker.pulsar().getBrokerService().getTopicReference(topic).orElseThrow().close(true)
                        .get(30, TimeUnit.SECONDS);
                assertEquals(receive(consumer).getData(), small);
                assertEquals(receive(consumer).getData(), large);
            }
        }
        assertTrue(InJvmBookieTransport.connectionsAccepted() > connectionsBeforeStart,
                "the broker's BookKeeper client did not connect to the bookie in-process");
    }

    private static Message<byte[]> receive(Consumer<byte[]> consumer) throws Exception {
        Message<byte[]> message = consumer.receive(30, TimeUnit.SECONDS);
        if (message == null) {
            throw new AssertionError("no message within 30 s");
        }
        consumer.acknowledge(message);
        return message;
    }
}
