package io.tributary.lookup.internal;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertThrows;
import static org.testng.Assert.assertTrue;
import static org.testng.Assert.expectThrows;

import java.util.HashMap;
import java.util.Map;
import org.testng.annotations.Test;

public class TopicConfigTest {

    @Test
    public void keepsEverySettingAndChecksOnlyWhatItApplies() {
        Map<String, String> settings = Map.of("segment.bytes", "52428800", "cleanup.policy", "compact",
                "retention.ms", "-1");
        TopicConfig.validate(settings);
        assertEquals(TopicConfig.fromProperties(TopicConfig.toProperties(settings, "id")), settings);

        IllegalArgumentException bad = expectThrows(IllegalArgumentException.class,
                () -> TopicConfig.validate(Map.of("retention.bytes", "-2")));
        assertTrue(bad.getMessage().contains("retention.bytes"), bad.getMessage());
        assertThrows(IllegalArgumentException.class, () -> TopicConfig.validate(Map.of("retention.ms", "soon")));
        Map<String, String> noValue = new HashMap<>();
        noValue.put("segment.ms", null);
        assertThrows(IllegalArgumentException.class, () -> TopicConfig.validate(noValue));
    }

    @Test
    public void replacingSettingsKeepsOtherProperties() {
        Map<String, String> properties = TopicConfig.toProperties(Map.of("segment.ms", "1"), "id");
        Map<String, String> replaced = TopicConfig.withConfig(properties, Map.of("flush.ms", "2"));
        assertEquals(TopicConfig.fromProperties(replaced), Map.of("flush.ms", "2"));
        assertEquals(replaced.get(TopicConfig.TOPIC_ID), "id");
    }
}
