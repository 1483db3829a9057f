package io.tributary.lookup.internal;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;

/**
 * Topic ids. A topic created through Tributary gets a random id stored with its metadata; a topic
 * created by other Pulsar tools has no stored id and gets one derived from its name, which is stable
 * on every broker but repeats if the topic is deleted and created again.
 */
public final class TopicIds {

    private TopicIds() {
    }

    public static UUID of(String pulsarName, Map<String, String> properties) {
        String stored = properties == null ? null : properties.get(TopicConfig.TOPIC_ID);
        if (stored != null) {
            try {
                return UUID.fromString(stored);
            } catch (IllegalArgumentException e) {
                // fall through to the derived id
            }
        }
        return UUID.nameUUIDFromBytes(pulsarName.getBytes(StandardCharsets.UTF_8));
    }
}
