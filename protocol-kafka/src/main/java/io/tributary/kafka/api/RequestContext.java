package io.tributary.kafka.api;

import io.tributary.spi.Endpoint;
import org.apache.kafka.common.requests.RequestHeader;

/**
 * What a handler knows about the request besides its body.
 *
 * @param header       the request header as sent
 * @param apiVersion   the version the body was parsed with and the response is written in (differs from
 *                     the header's only for an ApiVersions request of a version this broker does not know)
 * @param connection   the connection the request arrived on
 * @param self         this broker as advertised to the clients of the listener the request arrived on
 * @param published    the endpoint the host publishes for that listener, which the topic lookup
 *                     reports as this broker's
 * @param buffer       the buffer the body was parsed from, when parts of the body refer to it (produce
 *                     records), valid until the handler's response is complete; otherwise null
 */
public record RequestContext(RequestHeader header, short apiVersion, ClientConnection connection, BrokerNode self,
                             Endpoint published, RequestBuffer buffer) {

    /** A context for a body that refers to no buffer. */
    public RequestContext(RequestHeader header, short apiVersion, ClientConnection connection, BrokerNode self,
                          Endpoint published) {
        this(header, apiVersion, connection, self, published, null);
    }

    public String clientId() {
        return header.clientId();
    }

    /** The node of the broker at a partition owner's endpoint, as advertised to this client. */
    public BrokerNode nodeAt(Endpoint owner) {
        return owner.equals(published) ? self : BrokerNode.of(owner);
    }
}
