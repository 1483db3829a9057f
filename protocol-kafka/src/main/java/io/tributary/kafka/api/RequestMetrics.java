package io.tributary.kafka.api;

import io.tributary.spi.metrics.Counter;
import io.tributary.spi.metrics.Histogram;
import io.tributary.spi.metrics.ModuleMetrics;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.ApiMessage;
import org.apache.kafka.common.protocol.Errors;

/**
 * Per Kafka API: how many requests were answered, how long each took from its dispatch to its answer,
 * and the error codes in the answers, as a Kafka broker's {@code RequestsPerSec}, {@code TotalTimeMs}
 * and {@code ErrorsPerSec}.
 */
final class RequestMetrics {

    static final List<Double> SECONDS = List.of(0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5,
            1.0, 2.5, 5.0, 10.0);
    private static final double NANOS_PER_SECOND = 1e9;

    private final ModuleMetrics metrics;
    private final Map<ApiKeys, Counter> requests = new EnumMap<>(ApiKeys.class);
    private final Map<ApiKeys, Histogram> durations = new EnumMap<>(ApiKeys.class);
    private final ConcurrentMap<ApiError, Counter> errors = new ConcurrentHashMap<>();

    private record ApiError(ApiKeys api, Errors error) {
    }

    RequestMetrics(ModuleMetrics metrics, Collection<ApiKeys> served) {
        this.metrics = metrics;
        for (ApiKeys api : served) {
            requests.put(api, metrics.counter("requests_total", "Kafka requests answered, by API", labels(api)));
            durations.put(api, metrics.histogram("request_duration_seconds",
                    "Time from a Kafka request's dispatch to its answer, by API", SECONDS, labels(api)));
        }
    }

    /** Records an answered request; {@code response} is null when the request gets none. */
    void answered(ApiKeys api, short version, ApiMessage response, long dispatchedNanos, long nowNanos) {
        Counter count = requests.get(api);
        if (count == null) {
            return;
        }
        count.increment();
        durations.get(api).observe((nowNanos - dispatchedNanos) / NANOS_PER_SECOND);
        if (response != null) {
            ResponseErrors.of(api, version, response).forEach((error, times) -> {
                if (error != Errors.NONE) {
                    errors(api, error).add(times);
                }
            });
        }
    }

    private Counter errors(ApiKeys api, Errors error) {
        return errors.computeIfAbsent(new ApiError(api, error), key -> metrics.counter("request_errors_total",
                "Error codes in Kafka responses, by API and error", Map.of("api", api.name, "error", error.name())));
    }

    private static Map<String, String> labels(ApiKeys api) {
        return Map.of("api", api.name);
    }
}
