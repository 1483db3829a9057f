package io.tributary.host.modules;

import io.tributary.host.HostConfig;
import io.tributary.host.services.SharedServices;
import io.tributary.spi.ProtocolModule;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.util.tracker.ServiceTracker;
import org.osgi.util.tracker.ServiceTrackerCustomizer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts a protocol module when its bundle registers it and stops it (draining) when the service goes away,
 * which Felix does synchronously while stopping, updating or uninstalling the bundle.
 */
final class ProtocolModuleTracker implements ServiceTrackerCustomizer<ProtocolModule, RunningModule> {

    private static final Logger LOG = LoggerFactory.getLogger(ProtocolModuleTracker.class);

    private final BundleContext context;
    private final HostConfig config;
    private final SharedServices services;
    private final Map<Long, RunningModule> running = new ConcurrentHashMap<>();
    private final Map<Long, String> failures = new ConcurrentHashMap<>();
    private final ServiceTracker<ProtocolModule, RunningModule> tracker;

    ProtocolModuleTracker(BundleContext context, HostConfig config, SharedServices services) {
        this.context = context;
        this.config = config;
        this.services = services;
        this.tracker = new ServiceTracker<>(context, ProtocolModule.class, this);
    }

    void open() {
        tracker.open();
    }

    void close() {
        tracker.close();
    }

    Optional<RunningModule> runningIn(long bundleId) {
        return Optional.ofNullable(running.get(bundleId));
    }

    Optional<String> failureOf(long bundleId) {
        return Optional.ofNullable(failures.get(bundleId));
    }

    void forget(long bundleId) {
        failures.remove(bundleId);
    }

    @Override
    public RunningModule addingService(ServiceReference<ProtocolModule> reference) {
        long bundleId = reference.getBundle().getBundleId();
        ProtocolModule module = context.getService(reference);
        if (module == null) {
            return null;
        }
        failures.remove(bundleId);
        try {
            RunningModule started = RunningModule.start(module, config, services);
            running.put(bundleId, started);
            return started;
        } catch (Exception e) {
            String message = RunningModule.describe(e);
            LOG.error("Module {} from bundle {} failed to start: {}", safeProtocol(module),
                    reference.getBundle().getSymbolicName(), message, e);
            failures.put(bundleId, message);
            context.ungetService(reference);
            return null;
        }
    }

    @Override
    public void modifiedService(ServiceReference<ProtocolModule> reference, RunningModule module) {
        // nothing depends on service properties
    }

    @Override
    public void removedService(ServiceReference<ProtocolModule> reference, RunningModule module) {
        running.remove(reference.getBundle().getBundleId(), module);
        module.stop(config.drainTimeout());
        context.ungetService(reference);
    }

    private static String safeProtocol(ProtocolModule module) {
        try {
            return module.protocol();
        } catch (RuntimeException e) {
            return module.getClass().getName();
        }
    }
}
