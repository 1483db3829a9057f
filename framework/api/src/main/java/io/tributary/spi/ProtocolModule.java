package io.tributary.spi;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * A wire protocol served by the Tributary host. A protocol bundle registers one instance as an OSGi
 * service; the host starts it, binds the listeners configured for {@link #protocol()} and hands every
 * accepted connection to {@link #channelInitializer(Listener)}.
 *
 * <p>Lifecycle: {@code start} once, then connections, then {@code drain} (the host has already stopped
 * accepting), then {@code stop}. After {@code stop} the module must hold no thread, timer or host
 * resource, so that its bundle's class loader can be collected.
 */
public interface ProtocolModule {

    /** Lower-case protocol name, the scheme of its listeners: {@code kafka} in {@code kafka://0.0.0.0:9092}. */
    String protocol();

    CompletableFuture<Void> start(ModuleContext context);

    /** Called for each accepted connection on one of this protocol's listeners. */
    ChannelInitializer<Channel> channelInitializer(Listener listener);

    /**
     * Stops reading new requests and completes when the requests already in flight have been answered,
     * or when {@code timeout} has passed. The host closes the connections afterwards.
     */
    CompletableFuture<Void> drain(Duration timeout);

    /** Releases everything the module holds. Must not block for long; called after {@link #drain}. */
    void stop();
}
