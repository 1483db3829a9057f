package io.tributary.storage.internal;

import java.util.Iterator;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.LongSupplier;

/** Futures waiting for the log end offset to pass a value, completed when an append moves it. */
final class EndOffsetWaiters {

    private record Waiter(long offset, CompletableFuture<Long> future) {
    }

    private final ConcurrentLinkedQueue<Waiter> waiters = new ConcurrentLinkedQueue<>();

    CompletableFuture<Long> await(long offset, LongSupplier endOffset) {
        long end = endOffset.getAsLong();
        if (end > offset) {
            return CompletableFuture.completedFuture(end);
        }
        Waiter waiter = new Waiter(offset, new CompletableFuture<>());
        waiters.add(waiter);
        waiter.future.whenComplete((v, t) -> {
            if (t != null) {
                waiters.remove(waiter);
            }
        });
        end = endOffset.getAsLong();
        if (end > offset) {
            complete(end);
        }
        return waiter.future;
    }

    boolean isEmpty() {
        return waiters.isEmpty();
    }

    void complete(long endOffset) {
        for (Iterator<Waiter> it = waiters.iterator(); it.hasNext(); ) {
            Waiter waiter = it.next();
            if (waiter.future.isDone()) {
                it.remove();
            } else if (endOffset > waiter.offset) {
                it.remove();
                waiter.future.complete(endOffset);
            }
        }
    }

    void failAll(Throwable cause) {
        Waiter waiter;
        while ((waiter = waiters.poll()) != null) {
            waiter.future.completeExceptionally(cause);
        }
    }
}
