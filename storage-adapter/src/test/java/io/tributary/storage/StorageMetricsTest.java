package io.tributary.storage;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.tributary.storage.internal.Budgets;
import io.tributary.storage.internal.ReadAheadBudget;
import io.tributary.storage.internal.RecentBatchBudget;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.pulsar.common.util.SimpleTextOutputStream;
import org.testng.annotations.Test;

public class StorageMetricsTest {

    private static String render(StorageMetrics metrics) {
        ByteBuf buffer = Unpooled.buffer();
        try {
            metrics.generate(new SimpleTextOutputStream(buffer));
            return buffer.toString(StandardCharsets.UTF_8);
        } finally {
            buffer.release();
        }
    }

    private static Map<String, String> samples(String text) {
        Map<String, String> samples = new HashMap<>();
        text.lines().filter(line -> !line.startsWith("#")).forEach(line -> {
            int space = line.lastIndexOf(' ');
            samples.put(line.substring(0, space), line.substring(space + 1));
        });
        return samples;
    }

    @Test
    public void writesEachBudgetsUseAndLimitAndTheLoadedLogs() {
        ReadAheadBudget readAhead = new ReadAheadBudget(4096);
        assertTrue(Budgets.tryHold(readAhead, 3000));
        assertFalse(Budgets.tryHold(readAhead, 2000), "no room for 2000 more");
        Map<String, String> samples = samples(render(
                new StorageMetrics("east", new RecentBatchBudget(1 << 20), readAhead, () -> 3)));

        assertEquals(samples, Map.of(
                "tributary_storage_partition_logs{cluster=\"east\"}", "3",
                "tributary_storage_recent_batches_bytes{cluster=\"east\"}", "0",
                "tributary_storage_recent_batches_limit_bytes{cluster=\"east\"}", "1048576",
                "tributary_storage_read_ahead_bytes{cluster=\"east\"}", "3000",
                "tributary_storage_read_ahead_limit_bytes{cluster=\"east\"}", "4096",
                "tributary_storage_read_ahead_refused_total{cluster=\"east\"}", "1"));
    }

    @Test
    public void everyMetricHasOneHelpAndOneTypeLineBeforeItsSample() {
        List<String> lines = render(new StorageMetrics("standalone", new RecentBatchBudget(0),
                new ReadAheadBudget(0), () -> 0)).lines().toList();

        assertEquals(lines.size(), 6 * 3);
        for (int i = 0; i < lines.size(); i += 3) {
            String name = lines.get(i + 2).substring(0, lines.get(i + 2).indexOf('{'));
            assertTrue(lines.get(i).startsWith("# HELP " + name + " "), lines.get(i));
            assertTrue(lines.get(i + 1).matches("# TYPE " + name + " (gauge|counter)"), lines.get(i + 1));
        }
    }

    @Test
    public void escapesTheClusterNameInTheLabel() {
        String text = render(new StorageMetrics("a\"b\\c", new RecentBatchBudget(0), new ReadAheadBudget(0), () -> 0));

        assertTrue(text.contains("tributary_storage_partition_logs{cluster=\"a\\\"b\\\\c\"} 0\n"), text);
    }
}
