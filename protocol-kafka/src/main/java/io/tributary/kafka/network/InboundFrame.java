package io.tributary.kafka.network;

import io.tributary.kafka.api.RequestBuffer;
import org.apache.kafka.common.requests.AbstractRequest;
import org.apache.kafka.common.requests.RequestHeader;

/** What the request decoder hands on: a parsed request, or the reason a frame could not be one. */
sealed interface InboundFrame {

    /**
     * @param apiVersion the version {@code request} was parsed with; the header's, except for an
     *                   ApiVersions request of an unknown version, which is parsed as version 0
     * @param buffer     the buffer {@code request} refers to, or null when it was parsed from a copy
     */
    record Request(RequestHeader header, short apiVersion, AbstractRequest request, RequestBuffer buffer)
            implements InboundFrame {

        /** For a request that is not dispatched. */
        void release() {
            if (buffer != null) {
                buffer.release();
            }
        }
    }

    record Malformed(String reason) implements InboundFrame {
    }
}
