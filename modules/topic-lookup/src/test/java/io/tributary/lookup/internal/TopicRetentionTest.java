package io.tributary.lookup.internal;

import static org.testng.Assert.assertEquals;

import java.util.Map;
import java.util.Optional;
import org.apache.pulsar.common.policies.data.RetentionPolicies;
import org.testng.annotations.Test;

public class TopicRetentionTest {

    private static RetentionPolicies of(Map<String, String> config) {
        return TopicRetention.of(config).orElseThrow();
    }

    @Test
    public void limitsRoundUpToWholeMinutesAndMegabytes() {
        assertEquals(of(Map.of("retention.ms", "60000")), new RetentionPolicies(1, -1));
        assertEquals(of(Map.of("retention.ms", "60001", "retention.bytes", "1")), new RetentionPolicies(2, 1));
        assertEquals(of(Map.of("retention.bytes", "1048576")), new RetentionPolicies(10080, 1));
    }

    @Test
    public void unlimitedStaysUnlimitedAndTheLargestValuesDoNotOverflow() {
        assertEquals(of(Map.of("retention.ms", "-1", "retention.bytes", "-1")), new RetentionPolicies(-1, -1));
        assertEquals(of(Map.of("retention.ms", Long.toString(Long.MAX_VALUE),
                        "retention.bytes", Long.toString(Long.MAX_VALUE))),
                new RetentionPolicies(Integer.MAX_VALUE, Long.MAX_VALUE / (1 << 20) + 1));
    }

    @Test
    public void aZeroLimitKeepsNothing() {
        assertEquals(of(Map.of("retention.ms", "0")), new RetentionPolicies(0, 0));
        assertEquals(of(Map.of("retention.ms", "-1", "retention.bytes", "0")), new RetentionPolicies(0, 0));
    }

    @Test
    public void noRetentionKeyMeansTheNamespaceDecides() {
        assertEquals(TopicRetention.of(Map.of("cleanup.policy", "delete")), Optional.empty());
    }
}
