package io.tributary.it;

import org.testng.annotations.AfterClass;
import org.testng.annotations.BeforeClass;
import org.testng.annotations.Test;

/**
 * The standalone broker is killed with SIGKILL while a Kafka producer and a consumer group work against it, and
 * started again on the same data directory: the bookie replays its journal, the partitions and the group's state
 * are recovered, and the producer's retries of requests the crash cut off are not stored twice.
 */
public class BrokerCrashIT {

    private static final String TOPIC = "crash";
    private static final int PARTITIONS = 4;
    private static final String GROUP = "crash-readers";

    private StandaloneProcess standalone;

    @BeforeClass
    public void startStandalone() throws Exception {
        standalone = StandaloneProcess.create();
        standalone.start();
    }

    @AfterClass(alwaysRun = true)
    public void stopStandalone() throws Exception {
        if (standalone != null) {
            standalone.close();
        }
    }

    @Test
    public void acknowledgedRecordsAndCommittedOffsetsSurviveAKill() throws Exception {
        KafkaClients clients = new KafkaClients(standalone.kafkaPort());
        clients.createTopic(TOPIC, PARTITIONS);
        new OutageWorkload(clients, TOPIC, PARTITIONS, GROUP).survives(() -> {
            standalone.kill();
            standalone.start();
        });
    }
}
