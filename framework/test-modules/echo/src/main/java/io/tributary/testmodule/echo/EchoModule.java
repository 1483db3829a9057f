package io.tributary.testmodule.echo;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.handler.codec.LineBasedFrameDecoder;
import io.netty.handler.codec.string.StringDecoder;
import io.netty.handler.codec.string.StringEncoder;
import io.tributary.spi.Listener;
import io.tributary.spi.ModuleContext;
import io.tributary.spi.ProtocolModule;
import io.tributary.spi.metrics.Counter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Protocol {@code echo} (or the name in the bundle header {@code Echo-Protocol}): each line {@code text} is answered with {@code <version> text}; a line
 * {@code slow N} is answered after N milliseconds, to exercise draining of in-flight requests.
 */
final class EchoModule implements ProtocolModule {

    private final String protocol;
    private final String version;
    private final InFlight inFlight = new InFlight();
    private volatile ModuleContext context;
    private volatile Counter lines;

    EchoModule(String protocol, String version) {
        this.protocol = protocol;
        this.version = version;
    }

    @Override
    public String protocol() {
        return protocol;
    }

    @Override
    public CompletableFuture<Void> start(ModuleContext context) {
        context.metrics().gauge("in_flight", "Lines being answered", Map.of(), inFlight::count);
        this.lines = context.metrics().counter("lines_total", "Lines answered", Map.of("version", version));
        this.context = context;
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public ChannelInitializer<Channel> channelInitializer(Listener listener) {
        return new ChannelInitializer<>() {
            @Override
            protected void initChannel(Channel channel) {
                channel.pipeline()
                        .addLast(new LineBasedFrameDecoder(4096))
                        .addLast(new StringDecoder(StandardCharsets.UTF_8))
                        .addLast(new StringEncoder(StandardCharsets.UTF_8))
                        .addLast(new EchoHandler(version, inFlight, lines, context.scheduler()));
            }
        };
    }

    @Override
    public CompletableFuture<Void> drain(Duration timeout) {
        return inFlight.drain().orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        context = null;
        lines = null;
    }
}
