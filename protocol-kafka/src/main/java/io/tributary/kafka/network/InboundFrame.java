package io.tributary.kafka.network;

import org.apache.kafka.common.requests.AbstractRequest;
import org.apache.kafka.common.requests.RequestHeader;

/** What the request decoder hands on: a parsed request, or the reason a frame could not be one. */
sealed interface InboundFrame {

    /**
     * @param apiVersion the version {@code request} was parsed with; the header's, except for an
     *                   ApiVersions request of an unknown version, which is parsed as version 0
     */
    record Request(RequestHeader header, short apiVersion, AbstractRequest request) implements InboundFrame {
    }

    record Malformed(String reason) implements InboundFrame {
    }
}
