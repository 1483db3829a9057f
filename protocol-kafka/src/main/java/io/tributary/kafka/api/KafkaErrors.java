package io.tributary.kafka.api;

import io.tributary.spi.storage.CorruptBatchException;
import io.tributary.spi.storage.NotOwnerException;
import io.tributary.spi.storage.OffsetOutOfRangeException;
import io.tributary.spi.storage.OutOfOrderSequenceException;
import io.tributary.spi.storage.ProducerFencedException;
import io.tributary.spi.topic.InvalidTopicNameException;
import io.tributary.spi.topic.TopicExistsException;
import io.tributary.spi.topic.TopicNotFoundException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.common.errors.ApiException;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.ApiError;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The one place where exceptions from storage, topic lookup and the codec become Kafka wire errors. */
public final class KafkaErrors {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaErrors.class);

    private KafkaErrors() {
    }

    public static ApiError of(Throwable failure) {
        Throwable e = unwrap(failure);
        return new ApiError(errorFor(e), e.getMessage());
    }

    public static Errors forException(Throwable failure) {
        return of(failure).error();
    }

    /** Like {@link #of}, but an illegal argument is a bad topic configuration. */
    public static ApiError ofTopicConfig(Throwable failure) {
        Throwable e = unwrap(failure);
        if (e instanceof IllegalArgumentException && !(e instanceof InvalidTopicNameException)) {
            return new ApiError(Errors.INVALID_CONFIG, e.getMessage());
        }
        return of(e);
    }

    /** The Kafka exception to hand to a request's {@code getErrorResponse}. */
    public static ApiException exception(Throwable failure) {
        ApiError error = of(failure);
        return error.error().exception(error.message());
    }

    public static Throwable unwrap(Throwable failure) {
        Throwable e = failure;
        while ((e instanceof CompletionException || e instanceof ExecutionException) && e.getCause() != null) {
            e = e.getCause();
        }
        return e;
    }

    private static Errors errorFor(Throwable e) {
        if (e instanceof InvalidTopicNameException) {
            return Errors.INVALID_TOPIC_EXCEPTION;
        } else if (e instanceof TopicNotFoundException) {
            return Errors.UNKNOWN_TOPIC_OR_PARTITION;
        } else if (e instanceof TopicExistsException) {
            return Errors.TOPIC_ALREADY_EXISTS;
        } else if (e instanceof NotOwnerException) {
            return Errors.NOT_LEADER_OR_FOLLOWER;
        } else if (e instanceof OffsetOutOfRangeException) {
            return Errors.OFFSET_OUT_OF_RANGE;
        } else if (e instanceof OutOfOrderSequenceException) {
            return Errors.OUT_OF_ORDER_SEQUENCE_NUMBER;
        } else if (e instanceof ProducerFencedException) {
            // Since KIP-588 a produce from a stale idempotent epoch is INVALID_PRODUCER_EPOCH.
            return Errors.INVALID_PRODUCER_EPOCH;
        } else if (e instanceof CorruptBatchException) {
            return Errors.CORRUPT_MESSAGE;
        } else if (e instanceof ApiException) {
            return Errors.forException(e);
        } else if (e instanceof TimeoutException) {
            return Errors.REQUEST_TIMED_OUT;
        } else if (e instanceof IllegalArgumentException) {
            return Errors.INVALID_REQUEST;
        }
        LOG.warn("Unexpected failure while serving a Kafka request", e);
        return Errors.UNKNOWN_SERVER_ERROR;
    }
}
