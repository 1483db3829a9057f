package io.tributary.kafka.api;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Combinators the JDK lacks. */
public final class Futures {

    private Futures() {
    }

    /** Completes with every result, in order, once all have completed; fails if any fails. */
    public static <T> CompletableFuture<List<T>> all(List<CompletableFuture<T>> futures) {
        return CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new))
                .thenApply(ignored -> {
                    List<T> results = new ArrayList<>(futures.size());
                    futures.forEach(future -> results.add(future.join()));
                    return results;
                });
    }
}
