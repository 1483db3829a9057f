/** The Tributary SPI: what a protocol module compiles against, usable from OSGi and from JPMS hosts. */
module io.tributary.spi {
    requires static io.netty.buffer;
    requires static io.netty.transport;
    requires static io.netty.common;

    exports io.tributary.spi;
    exports io.tributary.spi.coordination;
    exports io.tributary.spi.metrics;
    exports io.tributary.spi.storage;
    exports io.tributary.spi.topic;
}
