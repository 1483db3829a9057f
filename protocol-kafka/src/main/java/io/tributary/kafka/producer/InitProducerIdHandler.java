package io.tributary.kafka.producer;

import io.tributary.kafka.api.ApiHandler;
import io.tributary.kafka.api.RequestContext;
import io.tributary.spi.coordination.ProducerIds;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.message.InitProducerIdRequestData;
import org.apache.kafka.common.message.InitProducerIdResponseData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Producer ids for idempotent producers. Like Kafka without a transactional id, every request (also an
 * epoch bump after an error) gets a fresh id with epoch 0. Transactional ids are refused with
 * UNSUPPORTED_FOR_MESSAGE_FORMAT, the same answer produce gives for transactional batches.
 */
public final class InitProducerIdHandler implements ApiHandler<InitProducerIdRequestData, InitProducerIdResponseData> {

    private static final Logger LOG = LoggerFactory.getLogger(InitProducerIdHandler.class);

    private final ProducerIds producerIds;

    public InitProducerIdHandler(ProducerIds producerIds) {
        this.producerIds = producerIds;
    }

    @Override
    public ApiKeys apiKey() {
        return ApiKeys.INIT_PRODUCER_ID;
    }

    @Override
    public short minVersion() {
        return 0;
    }

    @Override
    public short maxVersion() {
        return 6;
    }

    @Override
    public CompletableFuture<InitProducerIdResponseData> handle(RequestContext context,
                                                                InitProducerIdRequestData request) {
        InitProducerIdResponseData response = new InitProducerIdResponseData().setProducerId(-1L).setProducerEpoch((short) -1);
        if (request.transactionalId() != null) {
            return CompletableFuture.completedFuture(response.setErrorCode(Errors.UNSUPPORTED_FOR_MESSAGE_FORMAT.code()));
        }
        return producerIds.next()
                .thenApply(id -> response.setProducerId(id).setProducerEpoch((short) 0))
                .exceptionally(e -> {
                    // The id allocator being unreachable is transient: let the producer retry.
                    LOG.warn("Cannot allocate a producer id", e);
                    return response.setErrorCode(Errors.COORDINATOR_NOT_AVAILABLE.code());
                });
    }
}
