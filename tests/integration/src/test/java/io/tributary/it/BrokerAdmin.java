package io.tributary.it;

import org.apache.pulsar.client.admin.PulsarAdmin;

/** The Pulsar admin client of a running {@link TributaryBroker}'s broker, as Pulsar's own tools see it. */
final class BrokerAdmin {

    private BrokerAdmin() {
    }

    static PulsarAdmin of(TributaryBroker broker) throws Exception {
        return broker.pulsar().getAdminClient();
    }
}
