package io.tributary.storage.internal;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.tributary.spi.storage.Publisher;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.pulsar.broker.PulsarService;
import org.apache.pulsar.broker.loadbalance.extensions.data.BrokerLookupData;
import org.apache.pulsar.broker.service.Producer;
import org.apache.pulsar.broker.service.PulsarCommandSender;
import org.apache.pulsar.broker.service.PulsarCommandSenderImpl;
import org.apache.pulsar.broker.service.ServerCnx;
import org.apache.pulsar.broker.service.persistent.PersistentTopic;
import org.apache.pulsar.common.api.proto.ProducerAccessMode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A protocol connection as Pulsar sees a client connection: on each topic it appends to it holds a
 * {@link Producer}, which the topic's stats list and whose messages and bytes they count.
 *
 * <p>Pulsar's publish rate limits pause and resume a connection by switching its channel's auto-read. The
 * protocol's own channel is not handed to them, since the protocol switches auto-read for its own reasons:
 * they switch a stand-in channel instead, which {@link #throttled()} reads and whose resumption calls the
 * protocol back on its channel's event loop.
 */
public final class PulsarPublisher extends ServerCnx implements Publisher {

    private static final Logger LOG = LoggerFactory.getLogger(PulsarPublisher.class);
    private static final AtomicLong PRODUCER_IDS = new AtomicLong();
    private static final long RETRY_REGISTRATION_SECONDS = 30;

    private final Channel channel;
    private final String name;
    private final String clientVersion;
    private final EmbeddedChannel rateLimitSwitch;
    private final PulsarCommandSender commandSender;
    private final Map<PersistentTopic, Producer> producers = new ConcurrentHashMap<>();

    public PulsarPublisher(PulsarService pulsar, Channel channel, String name, String clientVersion,
                           Runnable resume) {
        super(pulsar);
        this.channel = channel;
        this.name = name;
        this.clientVersion = clientVersion;
        this.remoteAddress = channel.remoteAddress();
        this.rateLimitSwitch = new EmbeddedChannel(new ChannelOutboundHandlerAdapter() {
            @Override
            public void read(ChannelHandlerContext ctx) {
                onEventLoop(resume);
            }
        });
        setCtx(rateLimitSwitch.pipeline().firstContext());
        this.commandSender = new PulsarCommandSenderImpl(getBrokerService().getInterceptor(), this,
                getBrokerService().getMaxTopicListInFlightLimiter());
        channel.closeFuture().addListener(closed -> leaveAll());
    }

    @Override
    public boolean throttled() {
        return !rateLimitSwitch.config().isAutoRead();
    }

    /**
     * Counts an entry of {@code messages} messages in {@code bytes} bytes that {@code producer}, one of this
     * connection's, is about to append; this may throttle the connection.
     */
    void publishing(Producer producer, int messages, long bytes) {
        onEventLoop(() -> producer.getTopic().incrementPublishCount(producer, messages, bytes));
    }

    /** This connection's producer on {@code topic}, registered with the topic on first use. */
    Producer producerOn(PersistentTopic topic) {
        Producer known = producers.get(topic);
        if (known != null) {
            return known;
        }
        Producer producer = new Producer(topic, this, PRODUCER_IDS.incrementAndGet(), name, null, false,
                Map.of(), null, 0, true, ProducerAccessMode.Shared, Optional.empty(), false);
        Producer raced = producers.putIfAbsent(topic, producer);
        if (raced != null) {
            return raced;
        }
        topic.addProducer(producer, new CompletableFuture<>()).whenComplete((epoch, failure) -> {
            if (failure != null) {
                LOG.debug("{} is not listed as a producer of {}: {}", name, topic.getName(), failure.getMessage());
                channel.eventLoop().schedule(() -> producers.remove(topic, producer),
                        RETRY_REGISTRATION_SECONDS, TimeUnit.SECONDS);
            } else if (!channel.isActive()) {
                producer.close(true);
            }
        });
        return producer;
    }

    private void leaveAll() {
        producers.values().forEach(producer -> producer.close(true));
        producers.clear();
        rateLimitSwitch.close();
    }

    private void onEventLoop(Runnable task) {
        if (channel.eventLoop().inEventLoop()) {
            task.run();
        } else {
            execute(task);
        }
    }

    @Override
    public void execute(Runnable task) {
        try {
            channel.eventLoop().execute(task);
        } catch (RejectedExecutionException stopped) {
            task.run();
        }
    }

    @Override
    public void closeProducer(Producer producer) {
        removedProducer(producer);
    }

    @Override
    public void closeProducer(Producer producer, Optional<BrokerLookupData> assignedBrokerLookupData) {
        removedProducer(producer);
    }

    @Override
    public void removedProducer(Producer producer) {
        producers.remove((PersistentTopic) producer.getTopic(), producer);
    }

    /**
     * What a producer would tell its client, such as a topic's migration, goes nowhere: this connection never
     * announced a Pulsar protocol version, so nothing is written.
     */
    @Override
    public PulsarCommandSender getCommandSender() {
        return commandSender;
    }

    @Override
    public boolean isActive() {
        return channel.isActive();
    }

    @Override
    public boolean isWritable() {
        return channel.isWritable();
    }

    @Override
    public String getClientVersion() {
        return clientVersion;
    }

    @Override
    public String toString() {
        return "[" + name + " " + remoteAddress + "]";
    }
}
