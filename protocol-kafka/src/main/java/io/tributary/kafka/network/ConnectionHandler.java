package io.tributary.kafka.network;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import io.tributary.kafka.api.ApiDispatcher;
import io.tributary.kafka.api.BrokerNode;
import io.tributary.kafka.api.ClientConnection;
import io.tributary.kafka.api.RequestContext;
import io.tributary.kafka.records.FetchRecords;
import io.tributary.spi.Endpoint;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.protocol.ApiMessage;
import org.apache.kafka.common.requests.RequestHeader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Kafka connection: dispatches its requests and writes the responses in request order, although
 * handlers complete in any order and on any thread. All state is touched on the channel's event loop only.
 */
final class ConnectionHandler extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(ConnectionHandler.class);
    private static final AtomicLong IDS = new AtomicLong();

    private record Pending(RequestHeader header, short apiVersion, CompletableFuture<ApiMessage> response) {
    }

    private final ApiDispatcher dispatcher;
    private final BrokerNode self;
    private final Endpoint published;
    private final Connections connections;
    private final int maxInFlight;
    private final ArrayDeque<Pending> pending = new ArrayDeque<>();
    private ChannelHandlerContext ctx;
    private ClientConnection connection;
    private boolean draining;
    private CompletableFuture<Void> drained;

    ConnectionHandler(ApiDispatcher dispatcher, BrokerNode self, Endpoint published, Connections connections,
                      int maxInFlight) {
        this.dispatcher = dispatcher;
        this.self = self;
        this.published = published;
        this.connections = connections;
        this.maxInFlight = maxInFlight;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        this.connection = new ClientConnection("kafka-" + IDS.incrementAndGet(), ctx.channel(), this::updateReading);
        if (!connections.add(this)) {
            draining = true;
            ctx.channel().config().setAutoRead(false);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        connections.remove(this);
        pending.forEach(p -> {
            if (!p.response().cancel(false)) {
                release(p);
            }
        });
        pending.clear();
        completeDrainIfIdle();
        ctx.fireChannelInactive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof InboundFrame.Malformed malformed) {
            LOG.debug("Closing {} from {}: {}", connection.id(), ctx.channel().remoteAddress(), malformed.reason());
            ctx.close();
        } else if (msg instanceof InboundFrame.Request request) {
            if (!draining && ctx.channel().isActive()) {
                dispatch(request);
            } else {
                request.release();
            }
        } else {
            ReferenceCountUtil.release(msg);
        }
    }

    private void dispatch(InboundFrame.Request request) {
        RequestContext context = new RequestContext(request.header(), request.apiVersion(), connection, self,
                published, request.buffer());
        CompletableFuture<ApiMessage> response = dispatcher.dispatch(context, request.request());
        pending.add(new Pending(request.header(), request.apiVersion(), response));
        updateReading();
        response.whenComplete((body, failure) -> onEventLoop(this::writeCompleted));
    }

    private void writeCompleted() {
        boolean wrote = false;
        while (!pending.isEmpty() && pending.peek().response().isDone()) {
            Pending done = pending.poll();
            ApiMessage body = done.response().isCompletedExceptionally() ? null : done.response().join();
            if (body != null && ctx.channel().isActive()) {
                try {
                    ctx.write(ResponseEncoder.encode(ctx.alloc(), done.header().toResponseHeader(), done.apiVersion(), body));
                    wrote = true;
                } catch (RuntimeException e) {
                    LOG.error("Cannot encode the {} response on {}; closing it", done.header().apiKey(), connection.id(), e);
                    ctx.close();
                }
            }
            release(done);
        }
        if (wrote) {
            ctx.flush();
        }
        updateReading();
        completeDrainIfIdle();
    }

    /** Releases what a completed response holds; the encoded frame keeps its own references. */
    private static void release(Pending done) {
        if (done.response().isDone() && !done.response().isCompletedExceptionally()) {
            FetchRecords.releaseIn(done.response().join());
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        updateReading();
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.debug("Closing {} from {}: {}", connection.id(), ctx.channel().remoteAddress(), cause.toString());
        ctx.close();
    }

    /** Stops reading; completes when every request already read has been answered. */
    CompletableFuture<Void> drain() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        onEventLoop(() -> {
            draining = true;
            drained = done;
            updateReading();
            completeDrainIfIdle();
        });
        if (!ctx.channel().isActive()) {
            done.complete(null);
        }
        return done;
    }

    private void updateReading() {
        boolean read = !draining && pending.size() < maxInFlight && ctx.channel().isWritable()
                && !connection.throttled();
        if (ctx.channel().config().isAutoRead() != read) {
            ctx.channel().config().setAutoRead(read);
        }
    }

    private void completeDrainIfIdle() {
        if (drained != null && pending.isEmpty()) {
            drained.complete(null);
        }
    }

    private void onEventLoop(Runnable task) {
        if (ctx.executor().inEventLoop()) {
            task.run();
        } else {
            try {
                ctx.executor().execute(task);
            } catch (RejectedExecutionException e) {
                LOG.debug("Event loop of {} is gone; dropping its responses", connection.id());
            }
        }
    }
}
