package io.tributary.it;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.testng.annotations.Test;

/** kcat 1.7.1 (librdkafka 2.0.2): producer, simple consumer, balanced consumer (-G) and metadata (-L). */
public class KcatCompatIT extends BrokerPerClass {

    private static final Duration BOUND = Duration.ofSeconds(120);
    private static final String FORMAT = "record %p %o %k %s\\n";

    private ClientRun kcat(String stdin, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("kcat", "-b", bootstrap));
        command.addAll(List.of(args));
        return ClientRun.ok(BOUND, stdin, command);
    }

    @Test
    public void clientVersion() throws Exception {
        String version = ClientRun.ok(BOUND, "", List.of("kcat", "-V")).stdout;
        assertTrue(version.contains("Version 1.7.1 ") && version.contains("librdkafka 2.0.2 "), version);
    }

    @Test
    public void produce() throws Exception {
        String topic = "kcat-produce";
        reference.createTopic(topic, Scenarios.PRODUCE_PARTITIONS);
        String input = IntStream.range(0, Scenarios.PRODUCE_COUNT).mapToObj(i -> "k" + i + ":v" + i + "\n")
                .collect(Collectors.joining());
        kcat(input, "-P", "-t", topic, "-K:");
        // kcat prints no delivery reports: check what the broker stored.
        Scenarios.checkStoredWithoutReports(reference.readAll(topic, Scenarios.PRODUCE_COUNT), Scenarios.PRODUCE_COUNT);
    }

    @Test
    public void consumeFromEarliest() throws Exception {
        String topic = "kcat-consume";
        List<Rec> written = reference.createAndFill(topic, Scenarios.PARTITIONS, Scenarios.PER_PARTITION);
        ClientRun run = kcat("", "-C", "-t", topic, "-o", "beginning", "-e", "-f", FORMAT);
        Scenarios.checkConsumed(written, run.records());
    }

    @Test
    public void groupCommitAndResume() throws Exception {
        String topic = "kcat-group";
        String group = "kcat-group";
        List<Rec> written = reference.createAndFill(topic, Scenarios.PARTITIONS, Scenarios.PER_PARTITION);

        // -c: exit after that many records; the balanced consumer commits what it handed to kcat when it closes.
        ClientRun first = kcat("", "-C", "-G", group, "-X", "auto.offset.reset=earliest",
                "-c", Integer.toString(Scenarios.FIRST_MEMBER), "-f", FORMAT, topic);
        Map<Integer, Long> committed = reference.committed(group);
        ClientRun second = kcat("", "-C", "-G", group, "-X", "auto.offset.reset=earliest",
                "-c", Integer.toString(written.size() - Scenarios.FIRST_MEMBER), "-f", FORMAT, topic);
        Scenarios.checkResumed(written, first.records(), committed, second.records());
    }

    /** kcat has no topic creation or deletion; it lists and describes topics from metadata (-L). */
    @Test
    public void topicListAndDescribe() throws Exception {
        String topic = "kcat-admin";
        reference.createTopic(topic, 3);
        ClientRun all = kcat("", "-L");
        assertTrue(all.stdout.contains("topic \"" + topic + "\" with 3 partitions:"), all.toString());
        ClientRun one = kcat("", "-L", "-t", topic);
        assertTrue(one.stdout.contains("topic \"" + topic + "\" with 3 partitions:"), one.toString());
        for (int p = 0; p < 3; p++) {
            assertTrue(one.stdout.contains("partition " + p + ", leader "), one.toString());
        }
    }
}
