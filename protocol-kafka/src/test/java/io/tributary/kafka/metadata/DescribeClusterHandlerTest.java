package io.tributary.kafka.metadata;

import static org.testng.Assert.assertEquals;

import io.tributary.kafka.KafkaFixture;
import org.apache.kafka.common.message.DescribeClusterRequestData;
import org.apache.kafka.common.message.DescribeClusterResponseData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.testng.annotations.Test;

public class DescribeClusterHandlerTest {

    @Test
    public void describesThisBroker() {
        try (KafkaFixture fixture = new KafkaFixture()) {
            DescribeClusterHandler handler = new DescribeClusterHandler("cluster-x");
            DescribeClusterResponseData response = handler.handle(fixture.request(ApiKeys.DESCRIBE_CLUSTER, 2),
                    new DescribeClusterRequestData()).join();
            assertEquals(response.clusterId(), "cluster-x");
            assertEquals(response.brokers().size(), 1);
            assertEquals(response.brokers().iterator().next().port(), 9092);
            assertEquals(handler.handle(fixture.request(ApiKeys.DESCRIBE_CLUSTER, 2),
                    new DescribeClusterRequestData().setEndpointType((byte) 2)).join().errorCode(),
                    Errors.UNSUPPORTED_ENDPOINT_TYPE.code());
        }
    }
}
