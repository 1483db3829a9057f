package io.tributary.it;

import io.tributary.standalone.EmbeddedBroker;
import java.lang.reflect.Field;
import org.apache.pulsar.client.admin.PulsarAdmin;

/** The Pulsar admin client of a running {@link TributaryBroker}'s broker, as Pulsar's own tools see it. */
final class BrokerAdmin {

    private BrokerAdmin() {
    }

    static PulsarAdmin of(TributaryBroker broker) throws Exception {
        Field field = TributaryBroker.class.getDeclaredField("broker");
        field.setAccessible(true);
        return ((EmbeddedBroker) field.get(broker)).pulsar().getAdminClient();
    }
}
