package io.tributary.it;

import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.pulsar.broker.namespace.LookupOptions;
import org.apache.pulsar.client.admin.PulsarAdmin;
import org.apache.pulsar.common.naming.TopicName;

/** Which broker of a cluster owns a topic, and moving a topic's bundle to a chosen broker, through Pulsar's admin. */
final class ClusterPlacement {

    static final String GROUP_STATE_TOPIC = "persistent://public/__tributary/groups";
    private static final Duration BOUND = Duration.ofSeconds(60);

    private final PulsarAdmin admin;

    ClusterPlacement(PulsarAdmin admin) {
        this.admin = admin;
    }

    static String pulsarTopic(String topic, int partition) {
        return "persistent://public/default/" + topic + "-partition-" + partition;
    }

    /** The broker service URL of the topic's owner. */
    String ownerOf(String pulsarTopic) {
        try {
            return admin.lookups().lookupTopic(pulsarTopic);
        } catch (Exception e) {
            throw new IllegalStateException("no owner for " + pulsarTopic, e);
        }
    }

    String bundleOf(String pulsarTopic) throws Exception {
        return admin.lookups().getBundleRange(pulsarTopic);
    }

    /** One partition of the group state topic per bundle that holds any of them. */
    Collection<String> groupStatePartitionPerBundle() throws Exception {
        int partitions = admin.topics().getPartitionedTopicMetadata(GROUP_STATE_TOPIC).partitions;
        Map<String, String> partitionByBundle = new TreeMap<>();
        for (int p = 0; p < partitions; p++) {
            String partition = GROUP_STATE_TOPIC + "-partition-" + p;
            partitionByBundle.putIfAbsent(bundleOf(partition), partition);
        }
        return partitionByBundle.values();
    }

    /**
     * Unloads the topic's bundle and has {@code target} take it, as the broker a lookup chose would; Pulsar's
     * modular load manager does not follow an unload's destination broker. Repeats when another lookup took the
     * bundle first.
     */
    void moveBundleOf(String pulsarTopic, TributaryBroker target) throws Exception {
        TopicName name = TopicName.get(pulsarTopic);
        LookupOptions takeIt = LookupOptions.builder().authoritative(true).loadTopicsInBundle(false).build();
        Eventually.until(pulsarTopic + " owned by " + target.brokerId(), BOUND, () -> {
            if (!ownerOf(pulsarTopic).equals(target.pulsarUrl())) {
                admin.namespaces().unloadNamespaceBundle(name.getNamespace(), bundleOf(pulsarTopic));
                target.pulsar().getNamespaceService().getBrokerServiceUrlAsync(name, takeIt)
                        .get(BOUND.toSeconds(), TimeUnit.SECONDS);
            }
            return ownerOf(pulsarTopic).equals(target.pulsarUrl());
        });
    }
}
