package io.tributary.kafka.metadata;

import io.tributary.kafka.api.ApiHandler;
import io.tributary.kafka.api.RequestContext;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.message.DescribeClusterRequestData;
import org.apache.kafka.common.message.DescribeClusterResponseData;
import org.apache.kafka.common.message.DescribeClusterResponseData.DescribeClusterBroker;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;

/**
 * The cluster id and the broker answering. Other brokers appear in Metadata answers as partition
 * leaders; this broker also acts as the controller clients may talk to.
 */
public final class DescribeClusterHandler implements ApiHandler<DescribeClusterRequestData, DescribeClusterResponseData> {

    /** Also the request's default, so version 0 (which has no endpoint type) asks for brokers. */
    private static final byte BROKER_ENDPOINTS = 1;

    private final String clusterId;

    public DescribeClusterHandler(String clusterId) {
        this.clusterId = clusterId;
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
        response.brokers().add(new DescribeClusterBroker()
                .setBrokerId(context.self().id())
                .setHost(context.self().host())
                .setPort(context.self().port()));
        if (request.includeClusterAuthorizedOperations()) {
            response.setClusterAuthorizedOperations(AuthorizedOperations.CLUSTER);
        }
        return CompletableFuture.completedFuture(response);
    }
}
