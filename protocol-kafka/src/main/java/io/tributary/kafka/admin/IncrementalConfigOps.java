package io.tributary.kafka.admin;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.AlterConfigOp.OpType;
import org.apache.kafka.common.errors.InvalidConfigurationException;
import org.apache.kafka.common.errors.InvalidRequestException;
import org.apache.kafka.common.requests.DescribeConfigsResponse.ConfigType;

/**
 * Kafka's incremental config operations on a topic's settings: SET and DELETE a key; APPEND and SUBTRACT
 * values of a list key, starting from its default when it is not set, as Kafka brokers do.
 */
final class IncrementalConfigOps {

    record Op(String name, OpType type, String value) {
    }

    private IncrementalConfigOps() {
    }

    /** Checks what needs no topic: throws {@link InvalidRequestException} for a key named twice or a missing value. */
    static void checkShape(List<Op> ops) {
        Set<String> seen = new HashSet<>();
        for (Op op : ops) {
            if (!seen.add(op.name())) {
                throw new InvalidRequestException("config " + op.name() + " is altered more than once");
            }
            if (op.type() != OpType.DELETE && op.value() == null) {
                throw new InvalidRequestException("no value for config " + op.name());
            }
        }
    }

    /**
     * The settings after {@code ops}, which passed {@link #checkShape}. Deleting a key that is not set changes
     * nothing; the result is checked as a whole afterwards. Throws {@link InvalidConfigurationException} for a list
     * operation on a key that is unknown or not a list.
     */
    static Map<String, String> apply(Map<String, String> current, List<Op> ops, TopicConfigs known) {
        Map<String, String> result = new LinkedHashMap<>(current);
        for (Op op : ops) {
            switch (op.type()) {
                case SET -> result.put(op.name(), op.value());
                case DELETE -> result.remove(op.name());
                case APPEND, SUBTRACT -> result.put(op.name(), alterList(result, op, known));
                default -> throw new InvalidRequestException("unknown operation on config " + op.name());
            }
        }
        return result;
    }

    private static String alterList(Map<String, String> settings, Op op, TopicConfigs known) {
        ConfigEntry entry = known.get(op.name())
                .orElseThrow(() -> new InvalidConfigurationException("unknown topic config " + op.name()));
        if (entry.type() != ConfigType.LIST) {
            throw new InvalidConfigurationException(op.type() + " is only for list configs; " + op.name()
                    + " is not one");
        }
        List<String> values = new ArrayList<>(split(settings.getOrDefault(op.name(), entry.defaultValue())));
        List<String> given = split(op.value());
        if (op.type() == OpType.APPEND) {
            given.stream().filter(v -> !values.contains(v)).forEach(values::add);
        } else {
            values.removeAll(given);
        }
        return String.join(",", values);
    }

    private static List<String> split(String list) {
        return Arrays.stream(list.split(",")).map(String::trim).filter(v -> !v.isEmpty()).toList();
    }
}
