package io.tributary.host.net;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.tributary.host.ListenerSpec;
import io.tributary.spi.Endpoint;
import io.tributary.spi.Listener;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.apache.pulsar.common.util.netty.EventLoopUtil;

/** Binds one module's listeners on event loops the host owns and ends with the module. */
public final class ListenerBinder implements AutoCloseable {

    private final EventLoopGroup acceptors;
    private final EventLoopGroup workers;
    private final String advertisedHost;

    public ListenerBinder(String protocol, int ioThreads, String advertisedHost) {
        this.acceptors = EventLoopUtil.newEventLoopGroup(1, false,
                new DefaultThreadFactory("tributary-" + protocol + "-accept", true));
        this.workers = EventLoopUtil.newEventLoopGroup(ioThreads, false,
                new DefaultThreadFactory("tributary-" + protocol + "-io", true));
        this.advertisedHost = advertisedHost;
    }

    /**
     * Binds one listener, not yet accepting ({@link BoundListener#startAccepting()}), and hands each accepted connection to the initializer made for it.
     *
     * @param advertised where clients are told to connect; by default the broker's advertised host and the
     *                   bound port
     */
    public BoundListener bind(String name, ListenerSpec spec, Optional<ListenerSpec> advertised,
                              Function<Listener, ChannelInitializer<Channel>> initializers) throws IOException {
        ChannelGroup connections = new DefaultChannelGroup(name, GlobalEventExecutor.INSTANCE);
        ListenerHolder holder = new ListenerHolder();
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(acceptors, workers)
                .channel(EventLoopUtil.getServerSocketChannelClass(workers))
                .option(ChannelOption.SO_REUSEADDR, true)
                .option(ChannelOption.AUTO_READ, false)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel channel) {
                        if (holder.listener == null) {
                            channel.close();
                            return;
                        }
                        connections.add(channel);
                        channel.pipeline().addLast(initializers.apply(holder.listener));
                    }
                });
        Channel server;
        try {
            server = bootstrap.bind(spec.host(), spec.port()).syncUninterruptibly().channel();
        } catch (Exception e) {
            throw new IOException(spec + ": " + e.getMessage(), e);
        }
        InetSocketAddress bound = (InetSocketAddress) server.localAddress();
        Endpoint endpoint = advertised
                .map(a -> new Endpoint(a.host(), a.port() == 0 ? bound.getPort() : a.port()))
                .orElseGet(() -> new Endpoint(advertisedHost, bound.getPort()));
        holder.listener = new Listener(name, spec.protocol(), bound, endpoint);
        return new BoundListener(holder.listener, server, connections);
    }

    @Override
    public void close() {
        acceptors.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        workers.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private static final class ListenerHolder {
        private volatile Listener listener;
    }
}
