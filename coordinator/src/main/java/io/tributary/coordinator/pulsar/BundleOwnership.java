package io.tributary.coordinator.pulsar;

import io.tributary.coordinator.runtime.GroupCoordinatorService;
import io.tributary.spi.topic.TopicName;
import org.apache.pulsar.broker.namespace.NamespaceBundleOwnershipListener;
import org.apache.pulsar.common.naming.NamespaceBundle;

/** Drops the state of coordinator partitions whose bundle this broker unloads; they load again on use. */
final class BundleOwnership implements NamespaceBundleOwnershipListener {

    private final GroupCoordinatorService coordinator;
    private final TopicName stateTopic;
    private volatile boolean active = true;

    BundleOwnership(GroupCoordinatorService coordinator, TopicName stateTopic) {
        this.coordinator = coordinator;
        this.stateTopic = stateTopic;
    }

    @Override
    public boolean test(NamespaceBundle bundle) {
        return active && bundle.getNamespaceObject().toString().equals(stateTopic.namespaceName());
    }

    @Override
    public void onLoad(NamespaceBundle bundle) {
        // loaded lazily, on the first request for one of its groups
    }

    @Override
    public void unLoad(NamespaceBundle bundle) {
        for (int partition : coordinator.loadedPartitions()) {
            if (bundle.includes(org.apache.pulsar.common.naming.TopicName.get(stateTopic.partitionName(partition)))) {
                coordinator.unload(partition);
            }
        }
    }

    /** The broker offers no way to remove a listener; a stopped host's listener does nothing. */
    void deactivate() {
        active = false;
    }
}
