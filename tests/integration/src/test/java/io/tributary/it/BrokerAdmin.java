package io.tributary.it;

import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.apache.pulsar.client.admin.PulsarAdmin;
import org.apache.pulsar.client.admin.PulsarAdminException;
import org.apache.pulsar.common.policies.data.SubscriptionStats;

/** The Pulsar admin client of a running {@link TributaryBroker}'s broker, as Pulsar's own tools see it. */
final class BrokerAdmin {

    private BrokerAdmin() {
    }

    static PulsarAdmin of(TributaryBroker broker) throws Exception {
        return broker.pulsar().getAdminClient();
    }

    /** The subscriptions of a Kafka partition's Pulsar topic in namespace public/default, by name. */
    static Map<String, ? extends SubscriptionStats> subscriptions(PulsarAdmin pulsar, TopicPartition partition)
            throws PulsarAdminException {
        return pulsar.topics().getStats("persistent://public/default/" + partition.topic() + "-partition-"
                + partition.partition()).getSubscriptions();
    }
}
