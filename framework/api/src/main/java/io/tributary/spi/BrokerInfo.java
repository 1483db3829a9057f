package io.tributary.spi;

/**
 * The Pulsar broker a module runs in.
 *
 * @param clusterName   Pulsar cluster name
 * @param brokerId      this broker's id, stable for its advertised address
 * @param advertisedHost the host name the broker advertises
 */
public record BrokerInfo(String clusterName, String brokerId, String advertisedHost) {
}
