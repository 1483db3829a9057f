package io.tributary.kafka.network;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.tributary.spi.metrics.Counter;
import io.tributary.spi.metrics.ModuleMetrics;
import java.util.Map;

/** Counts the bytes every Kafka connection receives and sends, framing included, as they pass the socket. */
@Sharable
public final class TrafficCounter extends ChannelDuplexHandler {

    private final Counter received;
    private final Counter sent;

    private TrafficCounter(Counter received, Counter sent) {
        this.received = received;
        this.sent = sent;
    }

    public static TrafficCounter of(ModuleMetrics metrics) {
        return new TrafficCounter(
                metrics.counter("received_bytes_total", "Bytes received from Kafka clients", Map.of()),
                metrics.counter("sent_bytes_total", "Bytes sent to Kafka clients", Map.of()));
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof ByteBuf bytes) {
            received.add(bytes.readableBytes());
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof ByteBuf bytes) {
            sent.add(bytes.readableBytes());
        }
        ctx.write(msg, promise);
    }
}
