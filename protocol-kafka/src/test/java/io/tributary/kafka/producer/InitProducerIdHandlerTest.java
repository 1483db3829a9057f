package io.tributary.kafka.producer;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertNotEquals;

import io.tributary.kafka.KafkaFixture;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.message.InitProducerIdRequestData;
import org.apache.kafka.common.message.InitProducerIdResponseData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.testng.annotations.Test;

public class InitProducerIdHandlerTest {

    @Test
    public void freshIdsForIdempotentProducers() {
        try (KafkaFixture fixture = new KafkaFixture()) {
            InitProducerIdHandler handler = new InitProducerIdHandler(fixture.context.producerIds());
            InitProducerIdResponseData first = handler.handle(fixture.request(ApiKeys.INIT_PRODUCER_ID, 4),
                    new InitProducerIdRequestData().setTransactionalId(null)).join();
            InitProducerIdResponseData bumped = handler.handle(fixture.request(ApiKeys.INIT_PRODUCER_ID, 4),
                    new InitProducerIdRequestData().setTransactionalId(null)
                            .setProducerId(first.producerId()).setProducerEpoch((short) 0)).join();
            assertEquals(first.errorCode(), Errors.NONE.code());
            assertEquals(first.producerEpoch(), 0);
            assertNotEquals(bumped.producerId(), first.producerId());
        }
    }

    @Test
    public void transactionalIdsAreRefused() {
        try (KafkaFixture fixture = new KafkaFixture()) {
            InitProducerIdResponseData response = new InitProducerIdHandler(fixture.context.producerIds())
                    .handle(fixture.request(ApiKeys.INIT_PRODUCER_ID, 4),
                            new InitProducerIdRequestData().setTransactionalId("txn")).join();
            assertEquals(response.errorCode(), Errors.UNSUPPORTED_FOR_MESSAGE_FORMAT.code());
        }
    }

    @Test
    public void unavailableAllocatorIsRetriable() {
        try (KafkaFixture fixture = new KafkaFixture()) {
            InitProducerIdResponseData response = new InitProducerIdHandler(
                    () -> CompletableFuture.failedFuture(new IllegalStateException("metadata store down")))
                    .handle(fixture.request(ApiKeys.INIT_PRODUCER_ID, 4),
                            new InitProducerIdRequestData().setTransactionalId(null)).join();
            assertEquals(response.errorCode(), Errors.COORDINATOR_NOT_AVAILABLE.code());
        }
    }
}
