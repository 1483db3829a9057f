package io.tributary.kafka.metadata;

import static org.testng.Assert.assertEquals;

import io.tributary.kafka.KafkaFixture;
import io.tributary.kafka.api.BrokerNode;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.common.message.DescribeClusterRequestData;
import org.apache.kafka.common.message.DescribeClusterResponseData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.testng.annotations.Test;

public class DescribeClusterHandlerTest {

    @Test
    public void describesEveryBrokerServingKafka() {
        try (KafkaFixture fixture = new KafkaFixture()) {
            fixture.createTopic("elsewhere", 1);
            fixture.cluster().moveAway(fixture.topic("elsewhere"), 0);
            DescribeClusterHandler handler = new DescribeClusterHandler("cluster-x", fixture.context.topics());
            DescribeClusterResponseData response = handler.handle(fixture.request(ApiKeys.DESCRIBE_CLUSTER, 2),
                    new DescribeClusterRequestData()).join();
            assertEquals(response.clusterId(), "cluster-x");
            assertEquals(response.brokers().stream().map(b -> b.host() + ":" + b.port()).collect(Collectors.toSet()),
                    Set.of(KafkaFixture.ENDPOINT.host() + ":9092", "other.example:9092"));
            assertEquals(response.controllerId(), BrokerNode.of(KafkaFixture.ENDPOINT).id());
            assertEquals(handler.handle(fixture.request(ApiKeys.DESCRIBE_CLUSTER, 2),
                    new DescribeClusterRequestData().setEndpointType((byte) 2)).join().errorCode(),
                    Errors.UNSUPPORTED_ENDPOINT_TYPE.code());
        }
    }
}
