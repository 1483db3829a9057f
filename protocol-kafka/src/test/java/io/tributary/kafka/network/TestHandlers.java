package io.tributary.kafka.network;

import io.tributary.kafka.api.ApiHandler;
import io.tributary.kafka.api.RequestContext;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.ApiMessage;

/** Handlers for every version of an API, written as one lambda. */
final class TestHandlers {

    interface Body {
        CompletableFuture<? extends ApiMessage> handle(RequestContext context, ApiMessage request);
    }

    private TestHandlers() {
    }

    static ApiHandler<ApiMessage, ApiMessage> handler(ApiKeys key, Body body) {
        return new ApiHandler<>() {
            @Override
            public ApiKeys apiKey() {
                return key;
            }

            @Override
            public short minVersion() {
                return key.oldestVersion();
            }

            @Override
            public short maxVersion() {
                return key.latestVersion();
            }

            @SuppressWarnings("unchecked")
            @Override
            public CompletableFuture<ApiMessage> handle(RequestContext context, ApiMessage request) {
                return (CompletableFuture<ApiMessage>) body.handle(context, request);
            }
        };
    }
}
