package io.tributary.host.metrics;

import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/** A series' labels, sorted by name, and their text form {@code a="x",b="y"} with values escaped. */
record LabelSet(Map<String, String> labels) {

    static final Pattern NAME = Pattern.compile("[a-z_][a-z0-9_]*");

    LabelSet {
        labels = new TreeMap<>(labels);
    }

    static LabelSet of(Map<String, String> labels) {
        labels.forEach((name, value) -> {
            if (name == null || !NAME.matcher(name).matches() || name.startsWith("__") || name.equals("cluster")
                    || name.equals("le")) {
                throw new IllegalArgumentException("not a label name a module can use: " + name);
            }
            if (value == null) {
                throw new IllegalArgumentException("label " + name + " has no value");
            }
        });
        return new LabelSet(labels);
    }
}
