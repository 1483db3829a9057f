package io.tributary.kafka.metadata;

import io.tributary.kafka.api.ApiHandler;
import io.tributary.kafka.api.RequestContext;
import io.tributary.spi.topic.TopicLookup;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.message.DescribeClusterRequestData;
import org.apache.kafka.common.message.DescribeClusterResponseData;
import org.apache.kafka.common.message.DescribeClusterResponseData.DescribeClusterBroker;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;

/**
 * The cluster id and every broker serving Kafka; the broker answering also acts as the controller clients
 * may talk to.
 */
public final class DescribeClusterHandler implements ApiHandler<DescribeClusterRequestData, DescribeClusterResponseData> {

    /** Also the request's default, so version 0 (which has no endpoint type) asks for brokers. */
    private static final byte BROKER_ENDPOINTS = 1;

    private final String clusterId;
    private final ClusterBrokers clusterBrokers;

    public DescribeClusterHandler(String clusterId, TopicLookup lookup) {
        this.clusterId = clusterId;
        this.clusterBrokers = new ClusterBrokers(lookup);
    }

    @Override
    public ApiKeys apiKey() {
        return ApiKeys.DESCRIBE_CLUSTER;
    }

    @Override
    public short minVersion() {
        return 0;
    }

    @Override
    public short maxVersion() {
        return 2;
    }

    @Override
    public CompletableFuture<DescribeClusterResponseData> handle(RequestContext context,
                                                                 DescribeClusterRequestData request) {
        DescribeClusterResponseData response = new DescribeClusterResponseData()
                .setEndpointType(request.endpointType());
        if (request.endpointType() != BROKER_ENDPOINTS) {
            return CompletableFuture.completedFuture(response
                    .setErrorCode(Errors.UNSUPPORTED_ENDPOINT_TYPE.code())
                    .setErrorMessage("this listener serves broker endpoints only"));
        }
        response.setClusterId(clusterId).setControllerId(context.self().id());
        if (request.includeClusterAuthorizedOperations()) {
            response.setClusterAuthorizedOperations(AuthorizedOperations.CLUSTER);
        }
        return clusterBrokers.of(context).thenApply(brokers -> {
            brokers.values().forEach(node -> response.brokers().add(new DescribeClusterBroker()
                    .setBrokerId(node.id())
                    .setHost(node.host())
                    .setPort(node.port())));
            return response;
        });
    }
}
