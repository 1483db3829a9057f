package io.tributary.it;

import java.util.List;

/** kafka-python (Debian python3-kafka). */
public class KafkaPythonCompatIT extends ScriptClientIT {

    @Override
    List<String> program() {
        return List.of("/usr/bin/python3", "clients/kafka_python_client.py");
    }

    @Override
    String expectedVersion() {
        return "kafka-python 2.0.2";
    }

    @Override
    String name() {
        return "kafka-python";
    }
}
