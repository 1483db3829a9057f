package io.tributary.kafka.api;

import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.ApiMessage;

/**
 * Serves one Kafka API. The versions it declares are what ApiVersions advertises; requests of other
 * versions never reach it.
 *
 * @param <Q> the request body type
 * @param <R> the response body type
 */
public interface ApiHandler<Q extends ApiMessage, R extends ApiMessage> {

    ApiKeys apiKey();

    short minVersion();

    short maxVersion();

    /**
     * Completes with the response body, or with {@code null} when the request gets no response (a
     * produce request with acks=0). An exceptional completion becomes the request's error response.
     * Must not block.
     */
    CompletableFuture<R> handle(RequestContext context, Q request);

    default boolean supports(short version) {
        return version >= minVersion() && version <= maxVersion();
    }
}
