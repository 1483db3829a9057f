package io.tributary.it;

import static org.testng.Assert.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.testng.annotations.Test;

/**
 * A client driven through a small program under clients/ that takes the same commands (version, produce, consume,
 * group, admin) and prints the same lines; see clients/confluent_kafka_client.py.
 */
abstract class ScriptClientIT extends BrokerPerClass {

    static final Duration BOUND = Duration.ofSeconds(120);

    /** The command that runs the client program, before its arguments. */
    abstract List<String> program();

    /** What {@code version} must print. */
    abstract String expectedVersion();

    /** A prefix for this client's topics and groups. */
    abstract String name();

    ClientRun client(String... args) throws Exception {
        List<String> command = new ArrayList<>(program());
        command.addAll(List.of(args));
        return ClientRun.ok(BOUND, "", command);
    }

    @Test
    public void clientVersion() throws Exception {
        assertEquals(client("version").stdout.trim(), expectedVersion());
    }

    @Test
    public void produce() throws Exception {
        String topic = name() + "-produce";
        reference.createTopic(topic, Scenarios.PRODUCE_PARTITIONS);
        ClientRun run = client("produce", bootstrap, topic, Integer.toString(Scenarios.PRODUCE_COUNT));
        Scenarios.checkProduced(run.lines("produced"), reference.readAll(topic, Scenarios.PRODUCE_COUNT),
                Scenarios.PRODUCE_COUNT);
    }

    @Test
    public void consumeFromEarliest() throws Exception {
        String topic = name() + "-consume";
        List<Rec> written = reference.createAndFill(topic, Scenarios.PARTITIONS, Scenarios.PER_PARTITION);
        ClientRun run = client("consume", bootstrap, topic, Integer.toString(written.size()));
        Scenarios.checkConsumed(written, run.records());
    }

    @Test
    public void groupCommitAndResume() throws Exception {
        String topic = name() + "-group";
        String group = name() + "-group";
        List<Rec> written = reference.createAndFill(topic, Scenarios.PARTITIONS, Scenarios.PER_PARTITION);

        ClientRun first = client("group", bootstrap, topic, group, Integer.toString(Scenarios.FIRST_MEMBER));
        Map<Integer, Long> reported = new TreeMap<>();
        first.lines("committed").forEach(l -> {
            String[] f = l.split(" ");
            reported.put(Integer.parseInt(f[1]), Long.parseLong(f[2]));
        });
        Map<Integer, Long> committed = reference.committed(group);
        assertEquals(committed.toString(), reported.toString(), "what the broker holds vs what the client committed: " + first);

        ClientRun second = client("group", bootstrap, topic, group,
                Integer.toString(written.size() - Scenarios.FIRST_MEMBER));
        Scenarios.checkResumed(written, first.records(), committed, second.records());
    }

    @Test
    public void topicAdmin() throws Exception {
        ClientRun run = client("admin", bootstrap, name() + "-admin", "3");
        assertEquals(run.stdout.lines().toList(), List.of("created", "listed", "described 3",
                "configured retention.ms 3600000", "deleted", "gone"), run.toString());
    }
}
