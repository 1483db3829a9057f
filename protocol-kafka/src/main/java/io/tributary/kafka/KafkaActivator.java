package io.tributary.kafka;

import io.tributary.spi.ProtocolModule;
import java.util.Dictionary;
import java.util.Hashtable;
import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;

/** Registers the Kafka protocol module while the bundle is active. */
public final class KafkaActivator implements BundleActivator {

    /** Service property naming the protocol a {@link ProtocolModule} serves. */
    public static final String PROTOCOL_PROPERTY = "protocol";

    private KafkaProtocolModule module;
    private ServiceRegistration<ProtocolModule> registration;

    @Override
    public void start(BundleContext context) {
        module = new KafkaProtocolModule();
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put(PROTOCOL_PROPERTY, KafkaProtocolModule.PROTOCOL);
        registration = context.registerService(ProtocolModule.class, module, properties);
    }

    @Override
    public void stop(BundleContext context) {
        if (registration != null) {
            registration.unregister();
            registration = null;
        }
        if (module != null) {
            module.stop();
            module = null;
        }
    }
}
