package io.tributary.coordinator.pulsar;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;
import javax.ws.rs.WebApplicationException;
import org.apache.pulsar.client.admin.PulsarAdmin;
import org.apache.pulsar.client.admin.PulsarAdminException;
import org.apache.pulsar.client.admin.Topics;
import org.apache.pulsar.client.api.MessageId;
import org.apache.pulsar.client.api.MessageIdAdv;

/**
 * Moves a group's subscription on a partition that another broker owns, through Pulsar's admin API, which
 * routes each call to the owner. The subscription ends after the entry holding the last consumed offset (found
 * by the entries' index metadata): a commit inside a batch counts the rest of that entry as consumed, since
 * asking for the entry of an offset nobody wrote yet, the usual case of a consumer at the end, fails and is
 * logged as an error by the owner.
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
                .thenCompose(created -> offset == 0
                        ? topics.resetCursorAsync(pulsarTopic, subscription, MessageId.earliest)
                        : topics.getMessageIdByIndexAsync(pulsarTopic, offset - 1)
                                .exceptionally(e -> {
                                    if (hasStatus(e, NOT_FOUND)) {
                                        return MessageId.latest;
                                    }
                                    throw new CompletionException(e);
                                })
                                .thenCompose(lastConsumed -> resetAfter(topics, pulsarTopic, subscription,
                                        lastConsumed)));
    }

    private static CompletableFuture<Void> resetAfter(Topics topics, String pulsarTopic, String subscription,
                                                      MessageId lastConsumed) {
        if (lastConsumed.equals(MessageId.latest)) {
            return topics.resetCursorAsync(pulsarTopic, subscription, MessageId.latest);
        }
        if (lastConsumed instanceof MessageIdAdv entry && entry.getLedgerId() < 0) {
            return topics.resetCursorAsync(pulsarTopic, subscription, MessageId.earliest);
        }
        return topics.resetCursorAsync(pulsarTopic, subscription, lastConsumed, true);
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
