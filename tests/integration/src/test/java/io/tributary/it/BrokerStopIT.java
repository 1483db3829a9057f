package io.tributary.it;

import static org.testng.Assert.assertEquals;

import org.testng.annotations.AfterClass;
import org.testng.annotations.BeforeClass;
import org.testng.annotations.Test;

/**
 * A broker of a two-broker cluster stops while a Kafka producer and a consumer group work against partitions and a
 * group coordinator it owns, as in a rolling restart: its bookie keeps serving, as bookies that run on their own do.
 * The other broker takes over; every acknowledged record is stored once, in order, and the group reads all of them.
 */
public class BrokerStopIT {

    private static final String TOPIC = "rolling";
    private static final int PARTITIONS = 4;
    private static final String GROUP = "rolling-readers";

    private BrokerCluster cluster;
    private ClusterPlacement placement;

    @BeforeClass
    public void startBrokers() throws Exception {
        cluster = BrokerCluster.start(2);
        placement = new ClusterPlacement(cluster.broker(0).pulsar().getAdminClient());
    }

    @AfterClass(alwaysRun = true)
    public void stopBrokers() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    public void clientsGoOnWithoutLossWhenABrokerStops() throws Exception {
        TributaryBroker staying = cluster.broker(0);
        TributaryBroker stopping = cluster.broker(1);
        KafkaClients clients = new KafkaClients(cluster.kafkaPort(0), cluster.kafkaPort(1));
        clients.createTopic(TOPIC, PARTITIONS);
        for (int p = 0; p < PARTITIONS; p++) {
            placement.moveBundleOf(ClusterPlacement.pulsarTopic(TOPIC, p), p % 2 == 0 ? stopping : staying);
        }
        for (String partition : placement.groupStatePartitionPerBundle()) {
            placement.moveBundleOf(partition, stopping);
        }
        for (int p = 0; p < PARTITIONS; p++) {
            assertEquals(placement.ownerOf(ClusterPlacement.pulsarTopic(TOPIC, p)),
                    (p % 2 == 0 ? stopping : staying).pulsarUrl(), "owner of partition " + p + " before the stop");
        }

        new OutageWorkload(clients, TOPIC, PARTITIONS, GROUP).survives(stopping::stopBrokerKeepingBookie);

        for (int p = 0; p < PARTITIONS; p++) {
            assertEquals(placement.ownerOf(ClusterPlacement.pulsarTopic(TOPIC, p)), staying.pulsarUrl(),
                    "owner of partition " + p + " after the stop");
        }
    }
}
