package io.tributary.kafka.api;

import java.util.EnumMap;
import java.util.Map;
import org.apache.kafka.common.message.AlterConfigsResponseData;
import org.apache.kafka.common.message.ApiVersionsResponseData;
import org.apache.kafka.common.message.CreatePartitionsResponseData;
import org.apache.kafka.common.message.CreateTopicsResponseData;
import org.apache.kafka.common.message.DeleteGroupsResponseData;
import org.apache.kafka.common.message.DeleteRecordsResponseData;
import org.apache.kafka.common.message.DeleteTopicsResponseData;
import org.apache.kafka.common.message.DescribeClusterResponseData;
import org.apache.kafka.common.message.DescribeConfigsResponseData;
import org.apache.kafka.common.message.DescribeGroupsResponseData;
import org.apache.kafka.common.message.DescribeLogDirsResponseData;
import org.apache.kafka.common.message.FetchResponseData;
import org.apache.kafka.common.message.FindCoordinatorResponseData;
import org.apache.kafka.common.message.HeartbeatResponseData;
import org.apache.kafka.common.message.IncrementalAlterConfigsResponseData;
import org.apache.kafka.common.message.InitProducerIdResponseData;
import org.apache.kafka.common.message.JoinGroupResponseData;
import org.apache.kafka.common.message.LeaveGroupResponseData;
import org.apache.kafka.common.message.ListGroupsResponseData;
import org.apache.kafka.common.message.ListOffsetsResponseData;
import org.apache.kafka.common.message.MetadataResponseData;
import org.apache.kafka.common.message.OffsetCommitResponseData;
import org.apache.kafka.common.message.OffsetDeleteResponseData;
import org.apache.kafka.common.message.OffsetFetchResponseData;
import org.apache.kafka.common.message.ProduceResponseData;
import org.apache.kafka.common.message.SyncGroupResponseData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.ApiMessage;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.AbstractResponse;
import org.apache.kafka.common.requests.AlterConfigsResponse;
import org.apache.kafka.common.requests.ApiVersionsResponse;
import org.apache.kafka.common.requests.CreatePartitionsResponse;
import org.apache.kafka.common.requests.CreateTopicsResponse;
import org.apache.kafka.common.requests.DeleteGroupsResponse;
import org.apache.kafka.common.requests.DeleteRecordsResponse;
import org.apache.kafka.common.requests.DeleteTopicsResponse;
import org.apache.kafka.common.requests.DescribeClusterResponse;
import org.apache.kafka.common.requests.DescribeConfigsResponse;
import org.apache.kafka.common.requests.DescribeGroupsResponse;
import org.apache.kafka.common.requests.DescribeLogDirsResponse;
import org.apache.kafka.common.requests.FindCoordinatorResponse;
import org.apache.kafka.common.requests.HeartbeatResponse;
import org.apache.kafka.common.requests.IncrementalAlterConfigsResponse;
import org.apache.kafka.common.requests.InitProducerIdResponse;
import org.apache.kafka.common.requests.JoinGroupResponse;
import org.apache.kafka.common.requests.LeaveGroupResponse;
import org.apache.kafka.common.requests.ListGroupsResponse;
import org.apache.kafka.common.requests.ListOffsetsResponse;
import org.apache.kafka.common.requests.MetadataResponse;
import org.apache.kafka.common.requests.OffsetCommitResponse;
import org.apache.kafka.common.requests.OffsetDeleteResponse;
import org.apache.kafka.common.requests.OffsetFetchResponse;
import org.apache.kafka.common.requests.ProduceResponse;
import org.apache.kafka.common.requests.SyncGroupResponse;

/**
 * The error codes in a response, counted as a Kafka broker counts them for its {@code ErrorsPerSec}
 * metric: by each response class's own {@code errorCounts}, {@code NONE} included.
 */
public final class ResponseErrors {

    private ResponseErrors() {
    }

    /** The error codes in {@code body} and how often each occurs; none for an API this class does not know. */
    public static Map<Errors, Integer> of(ApiKeys api, short version, ApiMessage body) {
        if (body instanceof FetchResponseData fetch) {
            return fetchErrors(fetch);
        }
        AbstractResponse response = response(api, version, body);
        return response == null ? Map.of() : response.errorCounts();
    }

    /** As {@code FetchResponse.errorCounts}; that class cannot be built from its data. */
    private static Map<Errors, Integer> fetchErrors(FetchResponseData fetch) {
        Map<Errors, Integer> counts = new EnumMap<>(Errors.class);
        add(counts, Errors.forCode(fetch.errorCode()));
        fetch.responses().forEach(topic -> topic.partitions().forEach(p -> add(counts, Errors.forCode(p.errorCode()))));
        return counts;
    }

    private static void add(Map<Errors, Integer> counts, Errors error) {
        counts.merge(error, 1, Integer::sum);
    }

    public static boolean knows(ApiKeys api) {
        return api == ApiKeys.FETCH || response(api, api.latestVersion(), api.messageType.newResponse()) != null;
    }

    private static AbstractResponse response(ApiKeys api, short version, ApiMessage body) {
        return switch (api) {
            case PRODUCE -> new ProduceResponse((ProduceResponseData) body);
            case METADATA -> new MetadataResponse((MetadataResponseData) body, version);
            case DESCRIBE_CLUSTER -> new DescribeClusterResponse((DescribeClusterResponseData) body);
            case LIST_OFFSETS -> new ListOffsetsResponse((ListOffsetsResponseData) body);
            case DELETE_RECORDS -> new DeleteRecordsResponse((DeleteRecordsResponseData) body);
            case CREATE_TOPICS -> new CreateTopicsResponse((CreateTopicsResponseData) body);
            case DELETE_TOPICS -> new DeleteTopicsResponse((DeleteTopicsResponseData) body);
            case CREATE_PARTITIONS -> new CreatePartitionsResponse((CreatePartitionsResponseData) body);
            case DESCRIBE_CONFIGS -> new DescribeConfigsResponse((DescribeConfigsResponseData) body);
            case INCREMENTAL_ALTER_CONFIGS ->
                    new IncrementalAlterConfigsResponse((IncrementalAlterConfigsResponseData) body);
            case ALTER_CONFIGS -> new AlterConfigsResponse((AlterConfigsResponseData) body);
            case DESCRIBE_LOG_DIRS -> new DescribeLogDirsResponse((DescribeLogDirsResponseData) body);
            case INIT_PRODUCER_ID -> new InitProducerIdResponse((InitProducerIdResponseData) body);
            case FIND_COORDINATOR -> new FindCoordinatorResponse((FindCoordinatorResponseData) body);
            case JOIN_GROUP -> new JoinGroupResponse((JoinGroupResponseData) body, version);
            case SYNC_GROUP -> new SyncGroupResponse((SyncGroupResponseData) body);
            case HEARTBEAT -> new HeartbeatResponse((HeartbeatResponseData) body);
            case LEAVE_GROUP -> new LeaveGroupResponse((LeaveGroupResponseData) body, version);
            case OFFSET_COMMIT -> new OffsetCommitResponse((OffsetCommitResponseData) body);
            case OFFSET_FETCH -> new OffsetFetchResponse((OffsetFetchResponseData) body, version);
            case LIST_GROUPS -> new ListGroupsResponse((ListGroupsResponseData) body);
            case DESCRIBE_GROUPS -> new DescribeGroupsResponse((DescribeGroupsResponseData) body);
            case DELETE_GROUPS -> new DeleteGroupsResponse((DeleteGroupsResponseData) body);
            case OFFSET_DELETE -> new OffsetDeleteResponse((OffsetDeleteResponseData) body);
            case API_VERSIONS -> new ApiVersionsResponse((ApiVersionsResponseData) body);
            default -> null;
        };
    }
}
