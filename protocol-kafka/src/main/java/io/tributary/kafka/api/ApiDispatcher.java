package io.tributary.kafka.api;

import io.tributary.kafka.records.FetchRecords;
import io.tributary.spi.metrics.ModuleMetrics;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.ApiMessage;
import org.apache.kafka.common.requests.AbstractRequest;

/** Routes each request to the handler of its API key; the table is the list of handlers. */
public final class ApiDispatcher {

    private final Map<ApiKeys, ApiHandler<?, ?>> handlers = new EnumMap<>(ApiKeys.class);
    private final RequestMetrics metrics;

    /**
     * A dispatcher for {@code handlers} plus an ApiVersions handler that advertises them, counting their
     * requests in {@code metrics}.
     */
    public static ApiDispatcher of(List<ApiHandler<?, ?>> handlers, ModuleMetrics metrics) {
        return new ApiDispatcher(handlers, metrics);
    }

    private ApiDispatcher(List<ApiHandler<?, ?>> served, ModuleMetrics metrics) {
        served.forEach(this::register);
        register(new ApiVersionsHandler(served));
        this.metrics = new RequestMetrics(metrics, handlers.keySet());
    }

    private void register(ApiHandler<?, ?> handler) {
        if (handlers.putIfAbsent(handler.apiKey(), handler) != null) {
            throw new IllegalArgumentException("two handlers for " + handler.apiKey());
        }
    }

    public boolean supports(ApiKeys apiKey, short version) {
        ApiHandler<?, ?> handler = handlers.get(apiKey);
        return handler != null && handler.supports(version);
    }

    public Collection<ApiHandler<?, ?>> handlers() {
        return Collections.unmodifiableCollection(handlers.values());
    }

    /**
     * Completes with the response body, null for no response, or the request's error response when the
     * handler fails. Cancelling the returned future cancels the handler's, and releases what the handler's
     * response holds if it was already answered; except when the request has a buffer: the handler's work
     * may still be reading it (an append in progress), so it runs to completion, and then the buffer is
     * released.
     */
    public CompletableFuture<ApiMessage> dispatch(RequestContext context, AbstractRequest request) {
        long dispatchedNanos = System.nanoTime();
        @SuppressWarnings("unchecked")
        ApiHandler<ApiMessage, ApiMessage> handler = (ApiHandler<ApiMessage, ApiMessage>) handlers.get(request.apiKey());
        CompletableFuture<ApiMessage> handled;
        try {
            handled = handler.handle(context, request.data());
        } catch (RuntimeException e) {
            handled = CompletableFuture.failedFuture(e);
        }
        RequestBuffer buffer = context.buffer();
        boolean handlerReadsBufferUntilDone = buffer != null;
        if (handlerReadsBufferUntilDone) {
            handled.whenComplete((response, failure) -> buffer.release());
        }
        CompletableFuture<ApiMessage> answered = handled.handle((response, failure) -> failure == null
                ? response
                : request.getErrorResponse(0, KafkaErrors.exception(failure)).data());
        CompletableFuture<ApiMessage> source = handled;
        answered.whenComplete((response, failure) -> {
            if (failure == null) {
                metrics.answered(request.apiKey(), request.version(), response, dispatchedNanos, System.nanoTime());
            } else if (failure instanceof CancellationException && !handlerReadsBufferUntilDone) {
                source.cancel(false);
                source.thenAccept(FetchRecords::releaseIn);
            }
        });
        return answered;
    }
}
