package io.tributary.kafka;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.ApiMessage;
import org.apache.kafka.common.requests.AbstractResponse;
import org.apache.kafka.common.requests.RequestHeader;
import org.apache.kafka.common.requests.RequestUtils;

/** Client-side framing of requests and parsing of responses, with kafka-clients' own code. */
public final class KafkaWire {

    private KafkaWire() {
    }

    public static RequestHeader header(ApiKeys apiKey, int version, int correlationId) {
        return new RequestHeader(apiKey, (short) version, "wire-test", correlationId);
    }

    /** A size-prefixed request frame. */
    public static ByteBuf frame(RequestHeader header, ApiMessage body) {
        ByteBuffer payload = RequestUtils.serialize(header.data(), header.headerVersion(), body, header.apiVersion());
        ByteBuf frame = Unpooled.buffer(4 + payload.remaining());
        frame.writeInt(payload.remaining());
        frame.writeBytes(payload);
        return frame;
    }

    /** Parses a size-prefixed response frame to the request {@code header}, and releases it. */
    public static AbstractResponse response(ByteBuf frame, RequestHeader header) {
        try {
            int size = frame.readInt();
            if (size != frame.readableBytes()) {
                throw new AssertionError("frame size " + size + " but " + frame.readableBytes() + " bytes follow");
            }
            ByteBuffer payload = ByteBuffer.allocate(size);
            frame.readBytes(payload);
            payload.flip();
            return AbstractResponse.parseResponse(payload, header);
        } finally {
            frame.release();
        }
    }
}
