package io.tributary.it;

import java.util.Map;

/** The broker each compatibility test class shares: the Kafka module, and fast first rebalances. */
final class CompatBroker {

    private CompatBroker() {
    }

    static TributaryBroker start(int kafkaPort) throws Exception {
        return TributaryBroker.start("kafka://0.0.0.0:" + kafkaPort,
                Map.of("tributary.groups.initialRebalanceDelayMs", "0"), TributaryBroker.KAFKA_MODULE);
    }
}
