package io.tributary.kafka.api;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.message.ApiVersionsRequestData;
import org.apache.kafka.common.message.ApiVersionsResponseData;
import org.apache.kafka.common.message.ApiVersionsResponseData.ApiVersion;
import org.apache.kafka.common.message.ApiVersionsResponseData.ApiVersionCollection;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.ApiVersionsRequest;

/**
 * Advertises the APIs of the registered handlers. A request of a version newer than this broker knows
 * is answered in version 0 with UNSUPPORTED_VERSION and the supported list, so the client can retry
 * with a version both sides speak (KIP-511).
 */
final class ApiVersionsHandler implements ApiHandler<ApiVersionsRequestData, ApiVersionsResponseData> {

    private final List<ApiVersion> advertised;

    ApiVersionsHandler(List<ApiHandler<?, ?>> others) {
        List<ApiVersion> versions = new ArrayList<>();
        versions.add(versionOf(this));
        others.forEach(handler -> versions.add(versionOf(handler)));
        versions.sort(Comparator.comparingInt(ApiVersion::apiKey));
        this.advertised = List.copyOf(versions);
    }

    @Override
    public ApiKeys apiKey() {
        return ApiKeys.API_VERSIONS;
    }

    @Override
    public short minVersion() {
        return 0;
    }

    @Override
    public short maxVersion() {
        return 4;
    }

    @Override
    public CompletableFuture<ApiVersionsResponseData> handle(RequestContext context, ApiVersionsRequestData request) {
        ApiVersionsResponseData response = new ApiVersionsResponseData();
        if (!supports(context.header().apiVersion())) {
            return CompletableFuture.completedFuture(response
                    .setErrorCode(Errors.UNSUPPORTED_VERSION.code())
                    .setApiKeys(apiKeys()));
        }
        if (!new ApiVersionsRequest(request, context.apiVersion()).isValid()) {
            return CompletableFuture.completedFuture(response.setErrorCode(Errors.INVALID_REQUEST.code()));
        }
        context.connection().clientSoftware(request.clientSoftwareName(), request.clientSoftwareVersion());
        return CompletableFuture.completedFuture(response.setApiKeys(apiKeys()));
    }

    private ApiVersionCollection apiKeys() {
        ApiVersionCollection keys = new ApiVersionCollection(advertised.size());
        advertised.forEach(version -> keys.add(version.duplicate()));
        return keys;
    }

    private static ApiVersion versionOf(ApiHandler<?, ?> handler) {
        return new ApiVersion()
                .setApiKey(handler.apiKey().id)
                .setMinVersion(handler.minVersion())
                .setMaxVersion(handler.maxVersion());
    }
}
