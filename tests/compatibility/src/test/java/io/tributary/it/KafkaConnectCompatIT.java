package io.tributary.it;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.testng.annotations.AfterMethod;
import org.testng.annotations.Test;

/**
 * Apache Kafka Connect 4.3.1 in distributed mode, at its default settings (but a 1 s offset flush), against the
 * broker: the worker creates its config, offset and status topics (compacted, replication factor 3 asked for),
 * joins its group, and runs a file source and a file sink connector; a restarted worker resumes both from their
 * committed offsets. The worker runs in a child JVM with Connect's own dependencies (tests/connect-worker).
 */
public class KafkaConnectCompatIT extends BrokerPerClass {

    private static final Duration BOUND = Duration.ofSeconds(120);
    private static final String TOPIC = "connect-lines";

    private final HttpClient http = HttpClient.newHttpClient();
    private final int restPort = FreePorts.next();
    private Process worker;

    @AfterMethod(alwaysRun = true)
    public void stopWorker() throws Exception {
        stop();
    }

    @Test
    public void clientVersion() throws Exception {
        Path directory = Files.createTempDirectory("tributary-connect");
        start(directory);
        String version = http.send(HttpRequest.newBuilder(rest("/")).build(), HttpResponse.BodyHandlers.ofString())
                .body();
        assertTrue(version.contains("\"version\":\"4.3.1\""), version);
    }

    @Test
    public void fileSourceAndSinkRunAndResumeAfterARestart() throws Exception {
        Path directory = Files.createTempDirectory("tributary-connect");
        Path input = directory.resolve("in.txt");
        Path output = directory.resolve("out.txt");
        Files.write(input, lines(0, 100));
        start(directory);
        createConnector("file-source", Map.of("file", input.toString(), "topic", TOPIC,
                "connector.class", "org.apache.kafka.connect.file.FileStreamSourceConnector"));
        createConnector("file-sink", Map.of("file", output.toString(), "topics", TOPIC,
                "connector.class", "org.apache.kafka.connect.file.FileStreamSinkConnector"));
        awaitOutput(output, lines(0, 100));

        assertEquals(reference.readAll(TOPIC, 100).stream().map(Rec::value).toList(), lines(0, 100),
                "what the source connector wrote");
        for (String internal : List.of("connect-configs", "connect-offsets", "connect-status")) {
            assertEquals(reference.topicConfig(internal, "cleanup.policy"), "compact", internal);
        }
        Eventually.until("the sink's group committed offset 100", BOUND, () ->
                reference.committed("connect-file-sink").values().stream().mapToLong(Long::longValue).sum() == 100);

        stop();
        Files.write(input, lines(100, 150), StandardOpenOption.APPEND);
        start(directory);
        awaitOutput(output, lines(0, 150));
        Eventually.until("the sink's group committed offset 150", BOUND, () ->
                reference.committed("connect-file-sink").values().stream().mapToLong(Long::longValue).sum() == 150);
        assertEquals(Files.readAllLines(output), lines(0, 150), "the sink file once the sink committed everything");
    }

    private static List<String> lines(int from, int to) {
        return IntStream.range(from, to).mapToObj(i -> "line-" + i).toList();
    }

    /**
     * Waits until the sink's file holds {@code expected}, and fails as soon as it holds more lines: a line lost or
     * written twice.
     */
    private static void awaitOutput(Path output, List<String> expected) throws Exception {
        Eventually.until("the sink file holding " + expected.size() + " lines", BOUND, () -> {
            List<String> written = Files.exists(output) ? Files.readAllLines(output) : List.of();
            if (written.size() >= expected.size()) {
                assertEquals(written, expected, "the sink file");
            }
            return written.equals(expected);
        });
    }

    private void start(Path directory) throws Exception {
        Path properties = directory.resolve("worker.properties");
        Files.writeString(properties, String.join("\n",
                "bootstrap.servers=" + bootstrap,
                "group.id=connect-compat",
                "key.converter=org.apache.kafka.connect.storage.StringConverter",
                "value.converter=org.apache.kafka.connect.storage.StringConverter",
                "config.storage.topic=connect-configs",
                "offset.storage.topic=connect-offsets",
                "status.storage.topic=connect-status",
                "offset.flush.interval.ms=1000",
                "listeners=http://127.0.0.1:" + restPort,
                "plugin.discovery=only_scan",
                ""));
        Path lib = Path.of(System.getProperty("connect.lib", "../connect-worker/target/lib"));
        worker = ChildJvm.start(lib, "org.apache.kafka.connect.cli.ConnectDistributed", directory.resolve("worker.log"),
                properties.toString());
        Eventually.until("the worker's REST API on " + restPort + " and its connector plugins", BOUND, () -> {
            if (!worker.isAlive()) {
                throw new AssertionError("the worker exited: " + Files.readString(directory.resolve("worker.log")));
            }
            HttpResponse<String> plugins = http.send(HttpRequest.newBuilder(rest("/connector-plugins")).build(),
                    HttpResponse.BodyHandlers.ofString());
            return plugins.statusCode() == 200 && plugins.body().contains("FileStreamSinkConnector");
        });
    }

    /** Stops the worker as a service manager would (SIGTERM), letting it commit and leave its group. */
    private void stop() throws InterruptedException {
        if (worker != null) {
            ChildJvm.stop(worker);
            worker = null;
        }
    }

    /** Creates a connector; the worker answers 409 while its group rebalances, and the request is repeated. */
    private void createConnector(String name, Map<String, String> config) throws Exception {
        String body = "{\"name\":\"" + name + "\",\"config\":{" + config.entrySet().stream()
                .map(e -> "\"" + e.getKey() + "\":\"" + e.getValue() + "\"")
                .collect(Collectors.joining(",")) + ",\"tasks.max\":\"1\"}}";
        Eventually.until("connector " + name + " created", BOUND, () -> {
            HttpResponse<String> created = http.send(HttpRequest.newBuilder(rest("/connectors"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (created.statusCode() != 409) {
                assertEquals(created.statusCode(), 201, created.body());
            }
            return created.statusCode() == 201;
        });
    }

    private URI rest(String path) {
        return URI.create("http://127.0.0.1:" + restPort + path);
    }
}
