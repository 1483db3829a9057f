package io.tributary.kafka;

import java.util.List;
import java.util.Set;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.message.AlterConfigsRequestData;
import org.apache.kafka.common.message.ApiVersionsRequestData;
import org.apache.kafka.common.message.CreatePartitionsRequestData;
import org.apache.kafka.common.message.CreatePartitionsRequestData.CreatePartitionsTopic;
import org.apache.kafka.common.message.CreateTopicsRequestData;
import org.apache.kafka.common.message.CreateTopicsRequestData.CreatableTopic;
import org.apache.kafka.common.message.DeleteRecordsRequestData;
import org.apache.kafka.common.message.DeleteRecordsRequestData.DeleteRecordsPartition;
import org.apache.kafka.common.message.DeleteRecordsRequestData.DeleteRecordsTopic;
import org.apache.kafka.common.message.DeleteTopicsRequestData;
import org.apache.kafka.common.message.DeleteTopicsRequestData.DeleteTopicState;
import org.apache.kafka.common.message.DescribeClusterRequestData;
import org.apache.kafka.common.message.DescribeConfigsRequestData;
import org.apache.kafka.common.message.DescribeConfigsRequestData.DescribeConfigsResource;
import org.apache.kafka.common.message.DescribeLogDirsRequestData;
import org.apache.kafka.common.message.FetchRequestData;
import org.apache.kafka.common.message.FetchRequestData.FetchPartition;
import org.apache.kafka.common.message.FetchRequestData.FetchTopic;
import org.apache.kafka.common.message.IncrementalAlterConfigsRequestData;
import org.apache.kafka.common.message.InitProducerIdRequestData;
import org.apache.kafka.common.message.ListOffsetsRequestData;
import org.apache.kafka.common.message.ListOffsetsRequestData.ListOffsetsPartition;
import org.apache.kafka.common.message.ListOffsetsRequestData.ListOffsetsTopic;
import org.apache.kafka.common.message.MetadataRequestData;
import org.apache.kafka.common.message.MetadataRequestData.MetadataRequestTopic;
import org.apache.kafka.common.message.ProduceRequestData;
import org.apache.kafka.common.message.ProduceRequestData.PartitionProduceData;
import org.apache.kafka.common.message.ProduceRequestData.TopicProduceData;
import org.apache.kafka.common.message.ProduceRequestData.TopicProduceDataCollection;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.ApiMessage;
import org.apache.kafka.common.protocol.Errors;

/**
 * A meaningful request of every supported API at a given version, about topic {@code t} (which must
 * exist with id {@code topicId}) or about topics named after the version, which the caller prepares.
 */
final class SampleRequests {

    static final String TOPIC = "t";

    private SampleRequests() {
    }

    static String versioned(String prefix, int version) {
        return prefix + "-v" + version;
    }

    static ApiMessage of(ApiKeys apiKey, int version, Uuid topicId) {
        return switch (apiKey) {
            case API_VERSIONS -> new ApiVersionsRequestData().setClientSoftwareName("wire-test").setClientSoftwareVersion("1.0");
            case METADATA -> new MetadataRequestData()
                    .setTopics(List.of(new MetadataRequestTopic().setName(TOPIC)))
                    .setAllowAutoTopicCreation(true);
            case PRODUCE -> produce(version, topicId);
            case FETCH -> fetch(version, topicId);
            case LIST_OFFSETS -> new ListOffsetsRequestData().setReplicaId(-1).setTopics(List.of(new ListOffsetsTopic()
                    .setName(TOPIC).setPartitions(List.of(new ListOffsetsPartition().setPartitionIndex(0).setTimestamp(-1L)))));
            case DELETE_RECORDS -> new DeleteRecordsRequestData().setTimeoutMs(1000).setTopics(List.of(new DeleteRecordsTopic()
                    .setName(TOPIC).setPartitions(List.of(new DeleteRecordsPartition().setPartitionIndex(0).setOffset(-1L)))));
            case CREATE_TOPICS -> {
                CreateTopicsRequestData data = new CreateTopicsRequestData().setTimeoutMs(1000);
                data.topics().add(new CreatableTopic().setName(versioned("created", version))
                        .setNumPartitions(2).setReplicationFactor((short) 1));
                yield data;
            }
            case DELETE_TOPICS -> version >= 6
                    ? new DeleteTopicsRequestData().setTimeoutMs(1000)
                            .setTopics(List.of(new DeleteTopicState().setName(versioned("deleted", version))))
                    : new DeleteTopicsRequestData().setTimeoutMs(1000).setTopicNames(List.of(versioned("deleted", version)));
            case CREATE_PARTITIONS -> {
                CreatePartitionsRequestData data = new CreatePartitionsRequestData().setTimeoutMs(1000);
                data.topics().add(new CreatePartitionsTopic().setName(versioned("grown", version)).setCount(3));
                yield data;
            }
            case DESCRIBE_CONFIGS -> new DescribeConfigsRequestData().setResources(List.of(
                    new DescribeConfigsResource().setResourceType((byte) 2).setResourceName(TOPIC),
                    new DescribeConfigsResource().setResourceType((byte) 4).setResourceName("")));
            case INCREMENTAL_ALTER_CONFIGS -> {
                IncrementalAlterConfigsRequestData.AlterConfigsResource resource =
                        new IncrementalAlterConfigsRequestData.AlterConfigsResource()
                                .setResourceType((byte) 2).setResourceName(TOPIC);
                resource.configs().add(new IncrementalAlterConfigsRequestData.AlterableConfig()
                        .setName("retention.ms").setConfigOperation((byte) 0).setValue("3600000"));
                IncrementalAlterConfigsRequestData data = new IncrementalAlterConfigsRequestData();
                data.resources().add(resource);
                yield data;
            }
            case ALTER_CONFIGS -> {
                AlterConfigsRequestData.AlterConfigsResource resource = new AlterConfigsRequestData.AlterConfigsResource()
                        .setResourceType((byte) 2).setResourceName(TOPIC);
                resource.configs().add(new AlterConfigsRequestData.AlterableConfig()
                        .setName("retention.bytes").setValue("1048576"));
                AlterConfigsRequestData data = new AlterConfigsRequestData();
                data.resources().add(resource);
                yield data;
            }
            case DESCRIBE_CLUSTER -> new DescribeClusterRequestData();
            case DESCRIBE_LOG_DIRS -> new DescribeLogDirsRequestData().setTopics(null);
            case INIT_PRODUCER_ID -> new InitProducerIdRequestData().setTransactionalId(null).setTransactionTimeoutMs(60000);
            default -> GroupSampleRequests.of(apiKey, version);
        };
    }

    /** The errors a sample request may answer with: none, except where the request needs a live member. */
    static Set<Errors> expectedErrors(ApiKeys apiKey, int version) {
        return switch (apiKey) {
            case JOIN_GROUP -> version == 4 ? Set.of(Errors.MEMBER_ID_REQUIRED) : Set.of(Errors.NONE);
            case SYNC_GROUP, HEARTBEAT -> Set.of(Errors.UNKNOWN_MEMBER_ID);
            case LEAVE_GROUP -> version >= 3 ? Set.of(Errors.NONE, Errors.UNKNOWN_MEMBER_ID) : Set.of(Errors.UNKNOWN_MEMBER_ID);
            default -> Set.of(Errors.NONE);
        };
    }

    private static ProduceRequestData produce(int version, Uuid topicId) {
        TopicProduceData topic = new TopicProduceData().setPartitionData(List.of(new PartitionProduceData()
                .setIndex(0).setRecords(KafkaFixture.records("a", "b"))));
        if (version >= 13) {
            topic.setTopicId(topicId);
        } else {
            topic.setName(TOPIC);
        }
        TopicProduceDataCollection topics = new TopicProduceDataCollection();
        topics.add(topic);
        return new ProduceRequestData().setAcks((short) -1).setTimeoutMs(1000).setTopicData(topics);
    }

    private static FetchRequestData fetch(int version, Uuid topicId) {
        FetchTopic topic = new FetchTopic().setPartitions(List.of(new FetchPartition()
                .setPartition(0).setFetchOffset(0).setPartitionMaxBytes(1 << 20)));
        if (version >= 13) {
            topic.setTopicId(topicId);
        } else {
            topic.setTopic(TOPIC);
        }
        return new FetchRequestData().setReplicaId(-1).setMaxWaitMs(0).setMinBytes(0).setMaxBytes(1 << 20)
                .setSessionId(0).setSessionEpoch(version >= 7 ? 0 : -1).setTopics(List.of(topic));
    }
}
