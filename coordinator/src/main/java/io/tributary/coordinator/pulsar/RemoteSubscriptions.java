package io.tributary.coordinator.pulsar;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;
import javax.ws.rs.WebApplicationException;
import org.apache.pulsar.client.admin.PulsarAdmin;
import org.apache.pulsar.client.admin.PulsarAdminException;
import org.apache.pulsar.client.admin.Topics;
import org.apache.pulsar.client.api.MessageId;

/**
 * Moves a group's subscription on a partition that another broker owns, through Pulsar's admin API, which
 * routes each call to the owner. The subscription's next entry becomes the one holding the committed offset
 * (found by the entries' index metadata), or the end of the partition when no entry holds it yet.
 */
final class RemoteSubscriptions {

    private static final int NOT_FOUND = 404;
    private static final int CONFLICT = 409;

    private final Supplier<PulsarAdmin> admin;

    RemoteSubscriptions(Supplier<PulsarAdmin> admin) {
        this.admin = admin;
    }

    CompletableFuture<Void> moveTo(String pulsarTopic, String subscription, long offset) {
        Topics topics = admin.get().topics();
        return ignoring(topics.createSubscriptionAsync(pulsarTopic, subscription, MessageId.earliest), CONFLICT)
                .thenCompose(created -> topics.getMessageIdByIndexAsync(pulsarTopic, offset)
                        .exceptionally(e -> {
                            if (hasStatus(e, NOT_FOUND)) {
                                return MessageId.latest;
                            }
                            throw new CompletionException(e);
                        }))
                .thenCompose(next -> topics.resetCursorAsync(pulsarTopic, subscription, next));
    }

    CompletableFuture<Void> remove(String pulsarTopic, String subscription) {
        return ignoring(admin.get().topics().deleteSubscriptionAsync(pulsarTopic, subscription), NOT_FOUND);
    }

    private static CompletableFuture<Void> ignoring(CompletableFuture<Void> call, int status) {
        return call.exceptionally(e -> {
            if (hasStatus(e, status)) {
                return null;
            }
            throw new CompletionException(e);
        });
    }

    /** The admin client fails with its own exceptions or with the JAX-RS ones underneath, depending on the call. */
    private static boolean hasStatus(Throwable failure, int status) {
        for (Throwable e = failure; e != null; e = e.getCause()) {
            if (e instanceof PulsarAdminException admin && admin.getStatusCode() == status) {
                return true;
            }
            if (e instanceof WebApplicationException web && web.getResponse() != null
                    && web.getResponse().getStatus() == status) {
                return true;
            }
        }
        return false;
    }
}
