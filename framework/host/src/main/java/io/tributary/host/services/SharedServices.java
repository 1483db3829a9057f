package io.tributary.host.services;

import io.tributary.host.metrics.ModuleMetricsEndpoint;
import io.tributary.spi.BrokerInfo;
import io.tributary.spi.coordination.GroupCoordinator;
import io.tributary.spi.coordination.ProducerIds;
import io.tributary.spi.storage.PartitionLogs;
import io.tributary.spi.topic.TopicLookup;

/** The broker-side services every protocol module shares. */
public record SharedServices(BrokerInfo broker, TopicLookup topics, PartitionLogs logs, ProducerIds producerIds,
                             GroupCoordinator groups, EndpointDirectory endpoints,
                             ModuleMetricsEndpoint metrics) {
}
