package io.tributary.spi.topic;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A topic in a Pulsar tenant and namespace. Protocol names map onto it with {@link #parse}: {@code t},
 * {@code tenant/ns/t} and {@code persistent://tenant/ns/t} are all accepted.
 */
public record TopicName(String tenant, String namespace, String localName) {

    private static final Pattern LEGAL = Pattern.compile("[a-zA-Z0-9._\\-=:]+");
    private static final String PERSISTENT = "persistent://";
    private static final int MAX_LENGTH = 249;

    public TopicName {
        requireLegal("tenant", tenant);
        requireLegal("namespace", namespace);
        requireLegal("topic", localName);
        if (localName.contains("-partition-")) {
            throw new InvalidTopicNameException("topic name must not contain '-partition-': " + localName);
        }
    }

    /** Maps a protocol-level topic name onto a Pulsar topic, using the defaults for a bare name. */
    public static TopicName parse(String name, String defaultTenant, String defaultNamespace) {
        if (name == null || name.isEmpty()) {
            throw new InvalidTopicNameException("topic name is empty");
        }
        String rest = name.startsWith(PERSISTENT) ? name.substring(PERSISTENT.length()) : name;
        String[] parts = rest.split("/", -1);
        if (parts.length == 1 && !name.startsWith(PERSISTENT)) {
            return new TopicName(defaultTenant, defaultNamespace, parts[0]);
        }
        if (parts.length == 3) {
            return new TopicName(parts[0], parts[1], parts[2]);
        }
        throw new InvalidTopicNameException("not a topic name: " + name);
    }

    /** {@code persistent://tenant/namespace/localName}. */
    public String pulsarName() {
        return PERSISTENT + tenant + "/" + namespace + "/" + localName;
    }

    /** The Pulsar topic holding partition {@code partition}. */
    public String partitionName(int partition) {
        return pulsarName() + "-partition-" + partition;
    }

    public String namespaceName() {
        return tenant + "/" + namespace;
    }

    /** The shortest name that {@link #parse} maps back to this topic under the given defaults. */
    public String shortName(String defaultTenant, String defaultNamespace) {
        return tenant.equals(defaultTenant) && namespace.equals(defaultNamespace)
                ? localName : tenant + "/" + namespace + "/" + localName;
    }

    private static void requireLegal(String what, String value) {
        Objects.requireNonNull(value, what);
        if (value.isEmpty() || value.length() > MAX_LENGTH || !LEGAL.matcher(value).matches()
                || value.equals(".") || value.equals("..")) {
            throw new InvalidTopicNameException("illegal " + what + " name: '" + value + "'");
        }
    }

    @Override
    public String toString() {
        return pulsarName();
    }
}
