package io.tributary.testmodule.echo;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.tributary.spi.metrics.Counter;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

final class EchoHandler extends SimpleChannelInboundHandler<String> {

    private final String version;
    private final InFlight inFlight;
    private final Counter lines;
    private final ScheduledExecutorService scheduler;

    EchoHandler(String version, InFlight inFlight, Counter lines, ScheduledExecutorService scheduler) {
        this.version = version;
        this.inFlight = inFlight;
        this.lines = lines;
        this.scheduler = scheduler;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, String line) {
        if (inFlight.draining()) {
            ctx.channel().config().setAutoRead(false);
            return;
        }
        inFlight.begin();
        String reply = version + " " + line + "\n";
        if (line.startsWith("slow ")) {
            long delay = Long.parseLong(line.substring(5).trim());
            scheduler.schedule(() -> answer(ctx, reply), delay, TimeUnit.MILLISECONDS);
        } else {
            answer(ctx, reply);
        }
    }

    private void answer(ChannelHandlerContext ctx, String reply) {
        lines.increment();
        ctx.writeAndFlush(reply).addListener(f -> inFlight.end());
    }
}
