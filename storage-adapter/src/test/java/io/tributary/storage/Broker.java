package io.tributary.storage;

import io.tributary.standalone.BrokerSettings;
import io.tributary.standalone.EmbeddedBroker;
import java.nio.file.Path;
import org.apache.pulsar.common.policies.data.RetentionPolicies;

/** Starts the embedded broker for integration tests, keeping data of topics without subscriptions. */
final class Broker {

    private Broker() {
    }

    static EmbeddedBroker start(Path dataDir) throws Exception {
        EmbeddedBroker broker = new EmbeddedBroker(BrokerSettings.toConfiguration(BrokerSettings.singleNode(0, 0)),
                dataDir, true).start();
        broker.pulsar().getAdminClient().namespaces().setRetention("public/default", new RetentionPolicies(-1, -1));
        return broker;
    }
}
