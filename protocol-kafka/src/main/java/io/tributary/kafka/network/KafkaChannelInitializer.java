package io.tributary.kafka.network;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.tributary.kafka.api.ApiDispatcher;
import io.tributary.kafka.api.BrokerNode;
import io.tributary.spi.Endpoint;

/**
 * The pipeline of one Kafka connection: byte counting, size-prefixed framing (an oversized or negative size fails the
 * decoder and closes the connection), request parsing, then the connection's dispatcher.
 */
public final class KafkaChannelInitializer extends ChannelInitializer<Channel> {

    private final ApiDispatcher dispatcher;
    private final RequestDecoder decoder;
    private final BrokerNode self;
    private final Endpoint published;
    private final Connections connections;
    private final int maxRequestSize;
    private final int maxInFlight;
    private final TrafficCounter traffic;

    /**
     * @param self      this broker as advertised to the listener's clients
     * @param published the listener's endpoint as the host publishes it
     */
    public KafkaChannelInitializer(ApiDispatcher dispatcher, BrokerNode self, Endpoint published,
                                   Connections connections, int maxRequestSize, int maxInFlight,
                                   TrafficCounter traffic) {
        this.dispatcher = dispatcher;
        this.decoder = new RequestDecoder(dispatcher);
        this.self = self;
        this.published = published;
        this.connections = connections;
        this.maxRequestSize = maxRequestSize;
        this.maxInFlight = maxInFlight;
        this.traffic = traffic;
    }

    @Override
    protected void initChannel(Channel channel) {
        channel.pipeline()
                .addLast("traffic", traffic)
                .addLast("frame", frameDecoder())
                .addLast("request", decoder)
                .addLast("dispatch", new ConnectionHandler(dispatcher, self, published, connections, maxInFlight));
    }

    /**
     * Socket reads are gathered into a composite rather than merged into one growing buffer: a produce
     * request spans many reads, and the request decoder copies each frame once anyway.
     */
    private LengthFieldBasedFrameDecoder frameDecoder() {
        LengthFieldBasedFrameDecoder frames = new LengthFieldBasedFrameDecoder(maxFrameLength(), 0, 4, 0, 4, true);
        frames.setCumulator(ByteToMessageDecoder.COMPOSITE_CUMULATOR);
        return frames;
    }

    /** The decoder's limit counts the 4-byte size field too. */
    private int maxFrameLength() {
        return (int) Math.min(Integer.MAX_VALUE, maxRequestSize + 4L);
    }
}
