package io.tributary.host.modules;

import io.tributary.host.HostConfig;
import io.tributary.host.ListenerSpec;
import io.tributary.host.net.BoundListener;
import io.tributary.host.net.ListenerBinder;
import io.tributary.host.services.HostModuleContext;
import io.tributary.host.services.SharedServices;
import io.tributary.spi.Endpoint;
import io.tributary.spi.Listener;
import io.tributary.spi.ProtocolModule;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A started protocol module with its listeners; stopping it drains and releases everything it took. */
final class RunningModule {

    private static final Logger LOG = LoggerFactory.getLogger(RunningModule.class);
    private static final long START_TIMEOUT_S = 60;

    private final ProtocolModule module;
    private final ListenerBinder binder;
    private final List<BoundListener> listeners;
    private final HostModuleContext context;
    private final SharedServices services;

    private RunningModule(ProtocolModule module, ListenerBinder binder, List<BoundListener> listeners,
                          HostModuleContext context, SharedServices services) {
        this.module = module;
        this.binder = binder;
        this.listeners = listeners;
        this.context = context;
        this.services = services;
    }

    /**
     * Binds the protocol's listeners, starts the module, then opens the ports. Undoes all of it on failure.
     * Each module gets its own event loops, ended when it stops, so no thread-local state of Netty's keeps
     * the module's classes alive.
     */
    static RunningModule start(ProtocolModule module, HostConfig config, SharedServices services) throws Exception {
        String protocol = module.protocol();
        ListenerBinder binder = new ListenerBinder(protocol, config.ioThreads(), services.broker().advertisedHost());
        List<ListenerSpec> specs = config.listenersOf(protocol);
        List<BoundListener> bound = new ArrayList<>();
        HostModuleContext context = null;
        try {
            for (int i = 0; i < specs.size(); i++) {
                String name = i == 0 ? protocol : protocol + "-" + i;
                bound.add(binder.bind(name, specs.get(i), config.advertisedFor(protocol, i), module::channelInitializer));
            }
            context = new HostModuleContext(protocol, services, config.moduleProperties(protocol),
                    bound.stream().map(BoundListener::listener).toList());
            module.start(context).get(START_TIMEOUT_S, TimeUnit.SECONDS);
            bound.forEach(BoundListener::startAccepting);
            services.endpoints().publish(protocol, endpoints(bound));
            if (specs.isEmpty()) {
                LOG.warn("Module {} started with no listener: set {}={}://0.0.0.0:PORT", protocol,
                        HostConfig.LISTENERS, protocol);
            }
            LOG.info("Module {} serving on {}", protocol, bound.stream().map(BoundListener::listener).toList());
            return new RunningModule(module, binder, bound, context, services);
        } catch (Exception e) {
            bound.forEach(BoundListener::stopAccepting);
            if (context != null) {
                safely(module::stop);
                context.close();
            }
            binder.close();
            throw e instanceof java.util.concurrent.ExecutionException && e.getCause() instanceof Exception cause
                    ? cause : e;
        }
    }

    String protocol() {
        return module.protocol();
    }

    List<Listener> listeners() {
        return listeners.stream().map(BoundListener::listener).toList();
    }

    int openConnections() {
        return listeners.stream().mapToInt(BoundListener::openConnections).sum();
    }

    /** Stops accepting, lets in-flight requests finish within {@code drainTimeout}, then closes and stops. */
    void stop(Duration drainTimeout) {
        String protocol = module.protocol();
        services.endpoints().publish(protocol, List.of());
        listeners.forEach(BoundListener::stopAccepting);
        try {
            module.drain(drainTimeout).get(drainTimeout.toMillis() + 1_000, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            LOG.warn("Module {} did not drain within {}; closing its connections", protocol, drainTimeout);
        } catch (Exception e) {
            LOG.warn("Module {} failed to drain: {}", protocol, e.toString());
        }
        listeners.forEach(BoundListener::closeConnections);
        safely(module::stop);
        context.close();
        binder.close();
        LOG.info("Module {} stopped", protocol);
    }

    private static List<Endpoint> endpoints(List<BoundListener> bound) {
        return bound.stream().map(b -> b.listener().advertised()).toList();
    }

    private static void safely(Runnable action) {
        try {
            action.run();
        } catch (RuntimeException e) {
            LOG.warn("Module stop failed", e);
        }
    }

    static String describe(Throwable e) {
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }
}
