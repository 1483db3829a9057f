package io.tributary.it;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.testng.annotations.Test;

/**
 * Apache Kafka 4.3.1's command line tools (kafka-topics, kafka-console-producer, kafka-console-consumer,
 * kafka-consumer-groups, kafka-configs, kafka-get-offsets, kafka-delete-records, kafka-log-dirs), run as the scripts
 * run them: their main classes in a child JVM, from org.apache.kafka:kafka-tools and, for kafka-configs, Kafka's
 * server jar.
 */
public class KafkaCliCompatIT extends BrokerPerClass {

    private static final Duration BOUND = Duration.ofSeconds(120);
    private static final String TOPICS = "org.apache.kafka.tools.TopicCommand";
    private static final String PRODUCER = "org.apache.kafka.tools.ConsoleProducer";
    private static final String CONSUMER = "org.apache.kafka.tools.consumer.ConsoleConsumer";
    private static final String GROUPS = "org.apache.kafka.tools.consumer.group.ConsumerGroupCommand";
    private static final String CONFIGS = "kafka.admin.ConfigCommand";
    private static final String OFFSETS = "org.apache.kafka.tools.GetOffsetShell";
    private static final String DELETE_RECORDS = "org.apache.kafka.tools.DeleteRecordsCommand";
    private static final String LOG_DIRS = "org.apache.kafka.tools.LogDirsCommand";

    private ClientRun toolWithInput(String stdin, String mainClass, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-cp", classpath(mainClass), mainClass));
        command.addAll(List.of(args));
        return ClientRun.ok(BOUND, stdin, command);
    }

    private static String classpath(String mainClass) throws IOException {
        String tools = System.getProperty("java.class.path");
        if (!mainClass.equals(CONFIGS)) {
            return tools;
        }
        Path serverJars = Path.of(System.getProperty("kafka.configCommand.lib", "target/kafka-config-command"));
        try (Stream<Path> jars = Files.list(serverJars)) {
            return Stream.concat(Stream.of(tools), jars.map(Path::toString))
                    .collect(Collectors.joining(File.pathSeparator));
        }
    }

    private ClientRun tool(String mainClass, String... args) throws Exception {
        return toolWithInput("", mainClass, args);
    }

    /** Console consumer output with partition, offset and key printed: tab-separated fields. */
    private static List<Rec> consoleRecords(ClientRun run) {
        List<Rec> records = new ArrayList<>();
        for (String line : run.stdout.lines().toList()) {
            if (!line.startsWith("Partition:")) {
                continue;
            }
            String[] f = line.split("\t");
            records.add(new Rec(Integer.parseInt(f[0].substring("Partition:".length())),
                    Long.parseLong(f[1].substring("Offset:".length())), f[2], f[3]));
        }
        return records;
    }

    private static final String[] PRINT = {
        "--formatter-property", "print.partition=true", "--formatter-property", "print.offset=true",
        "--formatter-property", "print.key=true"};

    private ClientRun consume(String topic, String group, int max) throws Exception {
        List<String> args = new ArrayList<>(List.of("--bootstrap-server", bootstrap, "--topic", topic,
                "--from-beginning", "--max-messages", Integer.toString(max), "--timeout-ms", "60000"));
        args.addAll(List.of(PRINT));
        if (group != null) {
            // One record per poll: the offsets committed when the consumer closes are those of the records printed.
            args.addAll(List.of("--group", group, "--command-property", "max.poll.records=1"));
        }
        return tool(CONSUMER, args.toArray(String[]::new));
    }

    @Test
    public void clientVersion() throws Exception {
        String version = tool(TOPICS, "--version").stdout;
        assertTrue(version.startsWith("4.3.1"), version);
    }

    @Test
    public void produce() throws Exception {
        String topic = "cli-produce";
        tool(TOPICS, "--bootstrap-server", bootstrap, "--create", "--topic", topic,
                "--partitions", Integer.toString(Scenarios.PRODUCE_PARTITIONS));
        String input = IntStream.range(0, Scenarios.PRODUCE_COUNT).mapToObj(i -> "k" + i + ":v" + i + "\n")
                .collect(Collectors.joining());
        toolWithInput(input, PRODUCER, "--bootstrap-server", bootstrap, "--topic", topic,
                "--reader-property", "parse.key=true", "--reader-property", "key.separator=:");
        Scenarios.checkStoredWithoutReports(reference.readAll(topic, Scenarios.PRODUCE_COUNT), Scenarios.PRODUCE_COUNT);
    }

    @Test
    public void consumeFromEarliest() throws Exception {
        String topic = "cli-consume";
        List<Rec> written = reference.createAndFill(topic, Scenarios.PARTITIONS, Scenarios.PER_PARTITION);
        Scenarios.checkConsumed(written, consoleRecords(consume(topic, null, written.size())));
    }

    @Test
    public void groupCommitAndResume() throws Exception {
        String topic = "cli-group";
        String group = "cli-group";
        List<Rec> written = reference.createAndFill(topic, Scenarios.PARTITIONS, Scenarios.PER_PARTITION);

        List<Rec> first = consoleRecords(consume(topic, group, Scenarios.FIRST_MEMBER));
        Map<Integer, Long> committed = reference.committed(group);

        assertTrue(tool(GROUPS, "--bootstrap-server", bootstrap, "--list").stdout.lines().toList().contains(group));
        Map<Integer, long[]> described = describeGroup(group, topic);
        for (int p = 0; p < Scenarios.PARTITIONS; p++) {
            Long current = committed.get(p);
            long end = Scenarios.PER_PARTITION;
            long[] row = described.get(p);
            if (current == null) {
                // A partition the first member read nothing from has no committed offset: shown as "-".
                assertTrue(row == null || row[0] < 0, "partition " + p + ": " + described);
            } else {
                assertEquals(row, new long[] {current, end, end - current}, "current, log end, lag of partition " + p);
            }
        }

        List<Rec> second = consoleRecords(consume(topic, group, written.size() - Scenarios.FIRST_MEMBER));
        Scenarios.checkResumed(written, first, committed, second);
        Map<Integer, long[]> after = describeGroup(group, topic);
        for (int p = 0; p < Scenarios.PARTITIONS; p++) {
            assertEquals(after.get(p), new long[] {Scenarios.PER_PARTITION, Scenarios.PER_PARTITION, 0},
                    "current, log end, lag of partition " + p + " after the second member");
        }
    }

    /** kafka-consumer-groups --describe: partition -> {current offset, log end offset, lag}; "-" is -1. */
    private Map<Integer, long[]> describeGroup(String group, String topic) throws Exception {
        ClientRun run = tool(GROUPS, "--bootstrap-server", bootstrap, "--describe", "--group", group);
        List<String> lines = run.stdout.lines().filter(l -> !l.isBlank()).toList();
        int header = IntStream.range(0, lines.size()).filter(i -> lines.get(i).startsWith("GROUP ")).findFirst()
                .orElseThrow(() -> new AssertionError("no table: " + run));
        List<String> columns = List.of(lines.get(header).trim().split("\\s+"));
        Map<Integer, long[]> rows = new TreeMap<>();
        for (String line : lines.subList(header + 1, lines.size())) {
            List<String> cells = List.of(line.trim().split("\\s+"));
            if (cells.size() < columns.size() || !cells.get(columns.indexOf("TOPIC")).equals(topic)) {
                continue;
            }
            rows.put(Integer.parseInt(cells.get(columns.indexOf("PARTITION"))), new long[] {
                number(cells.get(columns.indexOf("CURRENT-OFFSET"))),
                number(cells.get(columns.indexOf("LOG-END-OFFSET"))),
                number(cells.get(columns.indexOf("LAG")))});
        }
        return rows;
    }

    private static long number(String cell) {
        return cell.equals("-") ? -1 : Long.parseLong(cell);
    }

    @Test
    public void topicAdmin() throws Exception {
        String topic = "cli-admin";
        tool(TOPICS, "--bootstrap-server", bootstrap, "--create", "--topic", topic, "--partitions", "3",
                "--replication-factor", "1");
        assertTrue(tool(TOPICS, "--bootstrap-server", bootstrap, "--list").stdout.lines().toList().contains(topic));
        String described = tool(TOPICS, "--bootstrap-server", bootstrap, "--describe", "--topic", topic).stdout;
        assertTrue(described.contains("PartitionCount: 3"), described);
        for (int p = 0; p < 3; p++) {
            assertTrue(described.contains("Topic: " + topic + "\tPartition: " + p + "\t"), described);
        }

        String[] entity = {"--bootstrap-server", bootstrap, "--entity-type", "topics", "--entity-name", topic};
        String altered = tool(CONFIGS, concat(entity, "--alter", "--add-config", "retention.ms=3600000")).stdout;
        assertTrue(altered.contains("Completed updating config for topic " + topic), altered);
        String configs = tool(CONFIGS, concat(entity, "--describe")).stdout;
        assertTrue(configs.contains(
                "retention.ms=3600000 sensitive=false synonyms={DYNAMIC_TOPIC_CONFIG:retention.ms=3600000}"), configs);

        tool(TOPICS, "--bootstrap-server", bootstrap, "--delete", "--topic", topic);
        Eventually.until("the topic is gone from the list", BOUND, () -> !tool(TOPICS, "--bootstrap-server",
                bootstrap, "--list").stdout.lines().toList().contains(topic));
        assertFalse(tool(TOPICS, "--bootstrap-server", bootstrap, "--list").stdout.lines().toList().contains(topic));
    }

    @Test
    public void offsetsRecordDeletionAndLogDirs() throws Exception {
        String topic = "cli-offsets";
        reference.createAndFill(topic, Scenarios.PARTITIONS, Scenarios.PER_PARTITION);
        assertEquals(offsets(topic, "-1"), Map.of(0, (long) Scenarios.PER_PARTITION, 1, (long) Scenarios.PER_PARTITION),
                "latest offsets");
        assertEquals(offsets(topic, "-2"), Map.of(0, 0L, 1, 0L), "earliest offsets");

        Path json = Files.createTempFile("delete-records", ".json");
        Files.writeString(json, "{\"version\":1,\"partitions\":[{\"topic\":\"" + topic
                + "\",\"partition\":0,\"offset\":4}]}");
        String deleted = tool(DELETE_RECORDS, "--bootstrap-server", bootstrap, "--offset-json-file", json.toString())
                .stdout;
        assertTrue(deleted.contains("partition: " + topic + "-0\tlow_watermark: 4"), deleted);
        assertEquals(offsets(topic, "-2"), Map.of(0, 4L, 1, 0L), "earliest offsets after deleting records");

        String logDirs = tool(LOG_DIRS, "--bootstrap-server", bootstrap, "--describe", "--topic-list", topic).stdout;
        for (int p = 0; p < Scenarios.PARTITIONS; p++) {
            assertTrue(logDirs.contains("{\"partition\":\"" + topic + "-" + p + "\",\"size\":"), logDirs);
        }
        assertTrue(logDirs.contains("\"logDir\":\"pulsar-managed-ledgers\""), logDirs);
    }

    /** kafka-get-offsets: partition -> offset at the given time (-1 latest, -2 earliest). */
    private Map<Integer, Long> offsets(String topic, String time) throws Exception {
        Map<Integer, Long> offsets = new TreeMap<>();
        for (String line : tool(OFFSETS, "--bootstrap-server", bootstrap, "--topic", topic, "--time", time)
                .stdout.lines().toList()) {
            String[] f = line.split(":");
            if (f.length == 3 && f[0].equals(topic)) {
                offsets.put(Integer.parseInt(f[1]), Long.parseLong(f[2]));
            }
        }
        return offsets;
    }

    private static String[] concat(String[] first, String... rest) {
        return Stream.concat(Stream.of(first), Stream.of(rest)).toArray(String[]::new);
    }
}
