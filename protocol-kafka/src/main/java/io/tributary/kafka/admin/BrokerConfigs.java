package io.tributary.kafka.admin;

import io.tributary.kafka.KafkaConfig;
import java.util.List;
import org.apache.kafka.common.requests.DescribeConfigsResponse.ConfigType;

/** The broker-level settings clients may ask about, all fixed by the module configuration. */
final class BrokerConfigs {

    private BrokerConfigs() {
    }

    static List<ConfigEntry> of(KafkaConfig config, int nodeId) {
        return List.of(
                new ConfigEntry("broker.id", Integer.toString(nodeId), ConfigType.INT, true,
                        "Derived from the advertised endpoint."),
                new ConfigEntry("auto.create.topics.enable", Boolean.toString(config.autoCreateTopics()),
                        ConfigType.BOOLEAN, true, KafkaConfig.AUTO_CREATE_TOPICS.doc()),
                new ConfigEntry("num.partitions", Integer.toString(config.defaultPartitions()), ConfigType.INT, true,
                        KafkaConfig.DEFAULT_PARTITIONS.doc()),
                new ConfigEntry("default.replication.factor", "1", ConfigType.SHORT, true,
                        "Replication is BookKeeper's; a partition has one Kafka replica."),
                new ConfigEntry("message.max.bytes", Integer.toString(config.maxMessageBytes()), ConfigType.INT, true,
                        KafkaConfig.MAX_MESSAGE_BYTES.doc()),
                new ConfigEntry("socket.request.max.bytes", Integer.toString(config.maxRequestSize()),
                        ConfigType.INT, true, KafkaConfig.MAX_REQUEST_SIZE.doc()),
                new ConfigEntry("log.cleanup.policy", "delete", ConfigType.LIST, true,
                        "Old data is discarded by retention."),
                new ConfigEntry("log.message.timestamp.type", "CreateTime", ConfigType.STRING, true,
                        "Record timestamps are the producer's creation times."));
    }
}
