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
    public void unlimitedStaysUnlimitedAndLimitsPulsarCannotCountAreUnlimited() {
        assertEquals(of(Map.of("retention.ms", "-1", "retention.bytes", "-1")), new RetentionPolicies(-1, -1));
        assertEquals(of(Map.of("retention.ms", Long.toString(Long.MAX_VALUE),
                "retention.bytes", Long.toString(Long.MAX_VALUE))), new RetentionPolicies(-1, -1));
        long tenYears = 10L * 365 * 24 * 3600 * 1000;
        assertEquals(of(Map.of("retention.ms", Long.toString(tenYears))), new RetentionPolicies(5256000, -1));
        assertEquals(of(Map.of("retention.bytes", Long.toString(1L << 50))), new RetentionPolicies(10080, 1L << 30));
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
