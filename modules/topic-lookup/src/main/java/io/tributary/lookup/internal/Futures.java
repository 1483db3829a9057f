package io.tributary.lookup.internal;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** Small helpers for chains of {@link CompletableFuture}. */
public final class Futures {

    private Futures() {
    }

    public static Throwable unwrap(Throwable t) {
        Throwable cause = t;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    /** Completes with null when the failure's cause is of the given type, else fails as before. */
    public static <T> CompletableFuture<T> ignoring(CompletableFuture<T> future, Class<? extends Throwable> type) {
        return future.exceptionallyCompose(t -> type.isInstance(unwrap(t))
                ? CompletableFuture.completedFuture(null) : CompletableFuture.failedFuture(unwrap(t)));
    }
}
