package io.tributary.host.net;

import io.netty.channel.Channel;
import io.netty.channel.group.ChannelGroup;
import io.tributary.spi.Listener;

/** A listener the host accepts on, with the connections it accepted. */
public final class BoundListener {

    private final Listener listener;
    private final Channel serverChannel;
    private final ChannelGroup connections;

    BoundListener(Listener listener, Channel serverChannel, ChannelGroup connections) {
        this.listener = listener;
        this.serverChannel = serverChannel;
        this.connections = connections;
    }

    public Listener listener() {
        return listener;
    }

    public int openConnections() {
        return connections.size();
    }

    /** Starts taking connections on the bound port. */
    public void startAccepting() {
        serverChannel.config().setAutoRead(true);
    }

    /** Closes the port; accepted connections stay open. */
    public void stopAccepting() {
        serverChannel.close().syncUninterruptibly();
    }

    /** Closes every accepted connection. */
    public void closeConnections() {
        connections.close().awaitUninterruptibly();
    }
}
