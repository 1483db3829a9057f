package io.tributary.conversion;

import io.netty.buffer.ByteBuf;
import java.util.Set;
import org.apache.pulsar.common.intercept.AppendBrokerTimestampMetadataInterceptor;
import org.apache.pulsar.common.intercept.AppendIndexMetadataInterceptor;
import org.apache.pulsar.common.intercept.BrokerEntryMetadataInterceptor;
import org.apache.pulsar.common.protocol.Commands;

/** Stamps entries with broker entry metadata the way the broker's interceptors do. */
final class Entries {

    private final AppendIndexMetadataInterceptor index = new AppendIndexMetadataInterceptor();
    private final Set<BrokerEntryMetadataInterceptor> interceptors =
            Set.of(index, new AppendBrokerTimestampMetadataInterceptor());

    ByteBuf stored(ByteBuf message, int numberOfMessages) {
        return Commands.addBrokerEntryMetadata(message, interceptors, numberOfMessages);
    }

    long lastIndex() {
        return index.getIndex();
    }
}
