package io.tributary.host;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.SocketChannel;
import io.tributary.host.admin.AdminChannelInitializer;
import io.tributary.host.modules.DirectoryWatcher;
import io.tributary.host.modules.ModuleRegistry;
import io.tributary.host.runtime.FelixRuntime;
import io.tributary.host.services.SharedServices;
import io.tributary.host.services.SharedServicesFactory;
import java.lang.ref.WeakReference;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.apache.pulsar.broker.PulsarService;
import org.apache.pulsar.broker.ServiceConfiguration;
import org.apache.pulsar.broker.protocol.ProtocolHandler;
import org.apache.pulsar.broker.service.BrokerService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Pulsar protocol handler {@code tributary}: boots Felix, shares the broker's services with protocol
 * bundles and installs every bundle from the modules directory, watching it for changes.
 */
public final class TributaryProtocolHandler implements ProtocolHandler {

    public static final String NAME = "tributary";
    private static final Logger LOG = LoggerFactory.getLogger(TributaryProtocolHandler.class);

    private HostConfig config;
    private FelixRuntime felix;
    private SharedServicesFactory servicesFactory;
    private ModuleRegistry registry;
    private DirectoryWatcher watcher;

    @Override
    public String protocolName() {
        return NAME;
    }

    @Override
    public boolean accept(String protocol) {
        return NAME.equalsIgnoreCase(protocol);
    }

    @Override
    public void initialize(ServiceConfiguration conf) {
        config = HostConfig.from(conf.getProperties());
    }

    @Override
    public String getProtocolDataToAdvertise() {
        return config.listeners().toString();
    }

    @Override
    public void start(BrokerService service) {
        PulsarService pulsar = service.getPulsar();
        try {
            Files.createDirectories(config.modulesDirectory());
            felix = FelixRuntime.start(config.storageDirectory().resolve("felix-cache"));
            servicesFactory = new SharedServicesFactory(pulsar);
            SharedServices services = servicesFactory.create();
            registry = new ModuleRegistry(felix, config, services);
            registry.reconcile(registry.jarFiles()).join();
            watcher = new DirectoryWatcher(registry, config.modulesDirectory());
            watcher.start(config.watchInterval());
            LOG.info("Tributary host started: modules from {}, {} module(s) installed", config.modulesDirectory(),
                    registry.list().size());
        } catch (Exception e) {
            LOG.error("Tributary host failed to start; the broker keeps serving Pulsar clients", e);
            close();
        }
    }

    @Override
    public Map<InetSocketAddress, ChannelInitializer<SocketChannel>> newChannelInitializers() {
        if (registry == null || config.adminAddress().isEmpty()) {
            return Map.of();
        }
        ListenerSpec admin = config.adminAddress().get();
        return Map.of(new InetSocketAddress(admin.host(), admin.port()), new AdminChannelInitializer(registry));
    }

    /** Loaders of upgraded or removed module revisions, which must not stay reachable. */
    public List<WeakReference<ClassLoader>> retiredModuleClassLoaders() {
        return registry == null ? List.of() : registry.retiredClassLoaders();
    }

    @Override
    public void close() {
        closeQuietly(watcher);
        closeQuietly(registry);
        closeQuietly(felix);
        closeQuietly(servicesFactory);
        watcher = null;
        registry = null;
        felix = null;
        servicesFactory = null;
    }

    private static void closeQuietly(AutoCloseable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (Exception e) {
            LOG.warn("Closing {} failed: {}", closeable.getClass().getSimpleName(), e.toString());
        }
    }
}
