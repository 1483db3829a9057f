package io.tributary.testmodule.echo;

import io.tributary.spi.ProtocolModule;
import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;

/** Registers the echo protocol; replies carry the bundle version so an upgrade is visible to clients. */
public final class EchoActivator implements BundleActivator {

    private ServiceRegistration<ProtocolModule> registration;

    @Override
    public void start(BundleContext context) {
        String version = context.getBundle().getVersion().toString();
        String protocol = context.getBundle().getHeaders().get("Echo-Protocol");
        registration = context.registerService(ProtocolModule.class,
                new EchoModule(protocol == null ? "echo" : protocol, version), null);
    }

    @Override
    public void stop(BundleContext context) {
        registration.unregister();
    }
}
