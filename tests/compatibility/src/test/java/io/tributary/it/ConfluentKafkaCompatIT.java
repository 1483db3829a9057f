package io.tributary.it;

import java.util.List;

/** Python confluent-kafka (Debian python3-confluent-kafka, librdkafka). */
public class ConfluentKafkaCompatIT extends ScriptClientIT {

    @Override
    List<String> program() {
        return List.of("/usr/bin/python3", "clients/confluent_kafka_client.py");
    }

    @Override
    String expectedVersion() {
        return "confluent-kafka 1.7.0 librdkafka 2.0.2";
    }

    @Override
    String name() {
        return "confluent-kafka";
    }
}
