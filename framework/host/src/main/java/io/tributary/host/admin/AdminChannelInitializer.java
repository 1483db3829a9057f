package io.tributary.host.admin;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.tributary.host.modules.ModuleRegistry;

/** The pipeline of the modules admin listener, which the broker binds for the host. */
public final class AdminChannelInitializer extends ChannelInitializer<SocketChannel> {

    private static final int MAX_MODULE_BYTES = 256 * 1024 * 1024;

    private final AdminHttpHandler handler;

    public AdminChannelInitializer(ModuleRegistry registry) {
        this.handler = new AdminHttpHandler(registry);
    }

    @Override
    protected void initChannel(SocketChannel channel) {
        channel.pipeline()
                .addLast(new HttpServerCodec())
                .addLast(new HttpObjectAggregator(MAX_MODULE_BYTES))
                .addLast(handler);
    }
}
