package io.tributary.standalone;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.local.LocalAddress;
import java.lang.reflect.Method;
import java.net.SocketAddress;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.bookkeeper.util.ByteBufList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * BookKeeper's in-JVM transport, completed so the broker reaches its own bookie without a loopback socket: no
 * socket write in the bookie, no socket read and reassembly in the broker, for every entry added and read.
 *
 * <p>BookKeeper 4.17's in-JVM server pipeline lacks the encoder that its socket pipeline has for responses made
 * of several buffers, so every read of an entry over 16 KiB fails there. {@link #complete} adds that encoder,
 * BookKeeper's own {@link ByteBufList#ENCODER}, to each in-JVM connection the bookie accepts, ahead of
 * BookKeeper's handlers. Netty keeps the bound in-JVM server channels in a registry that is not public; where it
 * cannot be reached, {@link #available} is false and the bookie is left to its socket.
 */
final class InJvmBookieTransport {

    private static final Logger LOG = LoggerFactory.getLogger(InJvmBookieTransport.class);
    private static final String HANDLER_NAME = "tributaryMultiBufferResponses";
    private static final Method BOUND_CHANNEL = boundChannelLookup();
    private static final AtomicLong CONNECTIONS_ACCEPTED = new AtomicLong();

    private InJvmBookieTransport() {
    }

    /** Whether {@link #complete} can find the bookie's in-JVM server channel once it is bound. */
    static boolean available() {
        return BOUND_CHANNEL != null;
    }

    /** How many in-JVM connections bookies in this process have accepted since it started. */
    static long connectionsAccepted() {
        return CONNECTIONS_ACCEPTED.get();
    }

    /** Installs the encoder on the in-JVM server channel bound for {@code bookieId}. */
    static void complete(String bookieId) {
        Channel server = boundChannel(new LocalAddress(bookieId));
        if (server == null) {
            throw new IllegalStateException("no in-JVM channel is bound for bookie " + bookieId);
        }
        server.pipeline().addFirst(HANDLER_NAME, new AcceptedConnections());
    }

    private static Channel boundChannel(LocalAddress address) {
        try {
            return (Channel) BOUND_CHANNEL.invoke(null, address);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot look up the in-JVM channel at " + address, e);
        }
    }

    private static Method boundChannelLookup() {
        try {
            Method get = Class.forName("io.netty.channel.local.LocalChannelRegistry")
                    .getDeclaredMethod("get", SocketAddress.class);
            get.setAccessible(true);
            return get;
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.warn("Netty's in-JVM channel registry is not reachable; the broker reaches the bookie by socket", e);
            return null;
        }
    }

    /** On the server channel, whose messages are the connections it accepts, before those are initialized. */
    @ChannelHandler.Sharable
    private static final class AcceptedConnections extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof Channel accepted) {
                accepted.pipeline().addFirst(HANDLER_NAME, ByteBufList.ENCODER);
                CONNECTIONS_ACCEPTED.incrementAndGet();
            }
            ctx.fireChannelRead(msg);
        }
    }
}
