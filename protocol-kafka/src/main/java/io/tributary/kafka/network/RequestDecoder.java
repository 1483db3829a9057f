package io.tributary.kafka.network;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageDecoder;
import io.tributary.kafka.api.ApiDispatcher;
import java.nio.ByteBuffer;
import java.util.List;
import org.apache.kafka.common.message.ApiVersionsRequestData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.ByteBufferAccessor;
import org.apache.kafka.common.requests.AbstractRequest;
import org.apache.kafka.common.requests.ApiVersionsRequest;
import org.apache.kafka.common.requests.RequestHeader;

/**
 * Parses one frame (without its size prefix) into a typed request. Like a Kafka broker, it accepts an
 * ApiVersions request of any version, and nothing else outside the versions the handlers declare.
 */
@Sharable
final class RequestDecoder extends MessageToMessageDecoder<ByteBuf> {

    private final ApiDispatcher dispatcher;

    RequestDecoder(ApiDispatcher dispatcher) {
        // The explicit type keeps Netty from caching this class per thread, which would pin the bundle's loader.
        super(ByteBuf.class);
        this.dispatcher = dispatcher;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf frame, List<Object> out) {
        // A heap copy: parsed requests (produce records) keep referring to these bytes after the frame is released.
        ByteBuffer buffer = ByteBuffer.allocate(frame.readableBytes());
        frame.readBytes(buffer);
        buffer.flip();
        out.add(parse(buffer));
    }

    InboundFrame parse(ByteBuffer buffer) {
        try {
            RequestHeader header = RequestHeader.parse(buffer);
            ApiKeys apiKey = header.apiKey();
            short version = header.apiVersion();
            if (dispatcher.supports(apiKey, version)) {
                AbstractRequest request = AbstractRequest.parseRequest(apiKey, version, new ByteBufferAccessor(buffer)).request;
                return new InboundFrame.Request(header, version, request);
            }
            if (apiKey == ApiKeys.API_VERSIONS) {
                return new InboundFrame.Request(header, (short) 0,
                        new ApiVersionsRequest(new ApiVersionsRequestData(), (short) 0, version));
            }
            return new InboundFrame.Malformed("unsupported request " + apiKey + " version " + version);
        } catch (RuntimeException e) {
            return new InboundFrame.Malformed("unparseable request: " + e);
        }
    }
}
