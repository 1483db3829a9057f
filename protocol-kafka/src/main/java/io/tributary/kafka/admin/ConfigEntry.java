package io.tributary.kafka.admin;

import org.apache.kafka.common.requests.DescribeConfigsResponse.ConfigType;

/**
 * A configuration key as DescribeConfigs reports it, with the value that applies when none is set. A read-only key
 * is fixed at that value: setting it to the same value is accepted, any other is refused with {@code doc} as the
 * reason.
 */
record ConfigEntry(String name, String defaultValue, ConfigType type, boolean readOnly, String doc) {

    /** Checks a value of this key; throws {@link IllegalArgumentException} naming the key. */
    void validate(String value) {
        try {
            switch (type) {
                case INT -> Integer.parseInt(value);
                case LONG -> Long.parseLong(value);
                case DOUBLE -> Double.parseDouble(value);
                case BOOLEAN -> {
                    if (!value.equals("true") && !value.equals("false")) {
                        throw new IllegalArgumentException("not a boolean");
                    }
                }
                default -> {
                }
            }
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("invalid value '" + value + "' for " + name + ": " + e.getMessage());
        }
        if (readOnly && !value.equals(defaultValue)) {
            throw new IllegalArgumentException(name + " is fixed at " + defaultValue + " on this broker: " + doc);
        }
    }
}
