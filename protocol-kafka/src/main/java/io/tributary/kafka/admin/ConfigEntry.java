package io.tributary.kafka.admin;

import org.apache.kafka.common.requests.DescribeConfigsResponse.ConfigType;

/**
 * A configuration key as DescribeConfigs reports it, with the value that applies when none is set and, for numbers,
 * the range Kafka allows. A read-only key is fixed at that value: setting it to the same value is accepted (and not
 * stored), any other is refused with {@code doc} as the reason.
 */
record ConfigEntry(String name, String defaultValue, ConfigType type, boolean readOnly, String doc, double min,
                   double max) {

    ConfigEntry(String name, String defaultValue, ConfigType type, boolean readOnly, String doc) {
        this(name, defaultValue, type, readOnly, doc, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
    }

    /** Checks a value of this key; throws {@link IllegalArgumentException} naming the key. */
    void validate(String value) {
        if (value == null) {
            throw new IllegalArgumentException("no value given for " + name);
        }
        double number;
        try {
            number = switch (type) {
                case INT -> Integer.parseInt(value);
                case LONG -> Long.parseLong(value);
                case DOUBLE -> Double.parseDouble(value);
                case BOOLEAN -> {
                    if (!value.equals("true") && !value.equals("false")) {
                        throw new IllegalArgumentException("not a boolean");
                    }
                    yield 0;
                }
                default -> 0;
            };
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("invalid value '" + value + "' for " + name + ": " + e.getMessage());
        }
        if (number < min || number > max) {
            throw new IllegalArgumentException("invalid value " + value + " for " + name + ": "
                    + (max == Double.POSITIVE_INFINITY ? "must be at least " + bound(min)
                            : "must be between " + bound(min) + " and " + bound(max)));
        }
        if (readOnly && !value.equals(defaultValue)) {
            throw new IllegalArgumentException(name + " is fixed at " + defaultValue + " on this broker: " + doc);
        }
    }

    private String bound(double value) {
        return type == ConfigType.DOUBLE ? Double.toString(value) : Long.toString((long) value);
    }
}
