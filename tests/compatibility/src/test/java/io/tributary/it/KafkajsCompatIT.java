package io.tributary.it;

import java.nio.file.Files;
import java.util.List;
import org.testng.annotations.BeforeClass;

/** kafkajs, installed from package-lock.json by npm ci. */
public class KafkajsCompatIT extends ScriptClientIT {

    @BeforeClass
    public void kafkajsInstalled() {
        if (!Files.isRegularFile(ClientRun.HOME.resolve("node_modules/kafkajs/package.json"))) {
            throw new IllegalStateException("kafkajs is not installed: run `npm ci` in tests/compatibility, as .ci/run does");
        }
    }

    @Override
    List<String> program() {
        return List.of("node", "clients/kafkajs_client.js");
    }

    @Override
    String expectedVersion() {
        return "kafkajs 2.2.4";
    }

    @Override
    String name() {
        return "kafkajs";
    }
}
