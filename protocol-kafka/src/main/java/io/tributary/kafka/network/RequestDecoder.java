package io.tributary.kafka.network;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageDecoder;
import io.tributary.kafka.api.ApiDispatcher;
import io.tributary.kafka.api.RequestBuffer;
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

    /**
     * Parses from a copy, since the frame is released afterwards and parsed requests refer to their bytes. A
     * produce request is copied into a pooled buffer that its records can be kept from by reference; any
     * other into the heap, for the garbage collector to free whatever the handler keeps.
     */
    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf frame, List<Object> out) {
        if (frame.readableBytes() >= Short.BYTES && frame.getShort(frame.readerIndex()) == ApiKeys.PRODUCE.id) {
            RequestBuffer buffer = new RequestBuffer(ctx.alloc().directBuffer(frame.readableBytes()).writeBytes(frame));
            InboundFrame parsed = parse(buffer.view(), buffer);
            if (!(parsed instanceof InboundFrame.Request)) {
                buffer.release();
            }
            out.add(parsed);
            return;
        }
        ByteBuffer copy = ByteBuffer.allocate(frame.readableBytes());
        frame.readBytes(copy);
        copy.flip();
        out.add(parse(copy, null));
    }

    InboundFrame parse(ByteBuffer bytes, RequestBuffer buffer) {
        try {
            RequestHeader header = RequestHeader.parse(bytes);
            ApiKeys apiKey = header.apiKey();
            short version = header.apiVersion();
            if (dispatcher.supports(apiKey, version)) {
                AbstractRequest request = AbstractRequest.parseRequest(apiKey, version, new ByteBufferAccessor(bytes)).request;
                return new InboundFrame.Request(header, version, request, buffer);
            }
            if (apiKey == ApiKeys.API_VERSIONS) {
                return new InboundFrame.Request(header, (short) 0,
                        new ApiVersionsRequest(new ApiVersionsRequestData(), (short) 0, version), null);
            }
            return new InboundFrame.Malformed("unsupported request " + apiKey + " version " + version);
        } catch (RuntimeException e) {
            return new InboundFrame.Malformed("unparseable request: " + e);
        }
    }
}
