package io.tributary.coordinator.pulsar;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.testng.Assert.assertTrue;
import static org.testng.Assert.expectThrows;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import javax.ws.rs.ClientErrorException;
import javax.ws.rs.InternalServerErrorException;
import javax.ws.rs.NotFoundException;
import javax.ws.rs.client.ResponseProcessingException;
import javax.ws.rs.core.Response;
import org.apache.pulsar.client.admin.PulsarAdmin;
import org.apache.pulsar.client.admin.PulsarAdminException;
import org.apache.pulsar.client.admin.Topics;
import org.apache.pulsar.client.api.MessageId;
import org.apache.pulsar.client.impl.MessageIdImpl;
import org.testng.annotations.BeforeMethod;
import org.testng.annotations.Test;

public class RemoteSubscriptionsTest {

    private static final String TOPIC = "persistent://public/default/t-partition-3";
    private static final String GROUP = "readers";

    private Topics topics;
    private RemoteSubscriptions subscriptions;

    @BeforeMethod
    public void setUp() {
        topics = mock(Topics.class);
        PulsarAdmin admin = mock(PulsarAdmin.class);
        when(admin.topics()).thenReturn(topics);
        subscriptions = new RemoteSubscriptions(() -> admin);
        when(topics.resetCursorAsync(any(), any(), any(MessageId.class)))
                .thenReturn(CompletableFuture.completedFuture(null));
        when(topics.resetCursorAsync(any(), any(), any(MessageId.class), anyBoolean()))
                .thenReturn(CompletableFuture.completedFuture(null));
    }

    @Test
    public void endsAfterTheEntryHoldingTheLastConsumedOffsetWhenTheSubscriptionAlreadyExists() {
        MessageId entry = new MessageIdImpl(7, 12, 3);
        when(topics.createSubscriptionAsync(TOPIC, GROUP, MessageId.earliest)).thenReturn(CompletableFuture
                .failedFuture(new PulsarAdminException.ConflictException(null, "exists", 409)));
        when(topics.getMessageIdByIndexAsync(TOPIC, 39)).thenReturn(CompletableFuture.completedFuture(entry));

        subscriptions.moveTo(TOPIC, GROUP, 40).join();

        verify(topics).resetCursorAsync(TOPIC, GROUP, entry, true);
    }

    @Test
    public void startsAtTheBeginningBeforeAnythingIsConsumed() {
        when(topics.createSubscriptionAsync(TOPIC, GROUP, MessageId.earliest))
                .thenReturn(CompletableFuture.completedFuture(null));

        subscriptions.moveTo(TOPIC, GROUP, 0).join();

        verify(topics).resetCursorAsync(TOPIC, GROUP, MessageId.earliest);
        verify(topics, never()).getMessageIdByIndexAsync(any(), anyLong());
    }

    @Test
    public void startsAtTheBeginningWhenTheLastConsumedOffsetIsNoLongerStored() {
        when(topics.createSubscriptionAsync(TOPIC, GROUP, MessageId.earliest))
                .thenReturn(CompletableFuture.completedFuture(null));
        when(topics.getMessageIdByIndexAsync(TOPIC, 9))
                .thenReturn(CompletableFuture.completedFuture(new MessageIdImpl(-1, -1, 3)));

        subscriptions.moveTo(TOPIC, GROUP, 10).join();

        verify(topics).resetCursorAsync(TOPIC, GROUP, MessageId.earliest);
    }

    @Test
    public void endsAtTheEndWhenNoEntryHoldsTheLastConsumedOffset() {
        when(topics.createSubscriptionAsync(TOPIC, GROUP, MessageId.earliest))
                .thenReturn(CompletableFuture.completedFuture(null));
        when(topics.getMessageIdByIndexAsync(TOPIC, 49)).thenReturn(CompletableFuture.failedFuture(
                new CompletionException(new ResponseProcessingException(null, new NotFoundException("no index")))));

        subscriptions.moveTo(TOPIC, GROUP, 50).join();

        verify(topics).resetCursorAsync(TOPIC, GROUP, MessageId.latest);
    }

    @Test
    public void failsWithoutMovingOnOtherErrors() {
        when(topics.createSubscriptionAsync(TOPIC, GROUP, MessageId.earliest))
                .thenReturn(CompletableFuture.completedFuture(null));
        when(topics.getMessageIdByIndexAsync(TOPIC, 49))
                .thenReturn(CompletableFuture.failedFuture(new InternalServerErrorException("owner unavailable")));

        CompletionException failure = expectThrows(CompletionException.class,
                () -> subscriptions.moveTo(TOPIC, GROUP, 50).join());

        assertTrue(failure.getCause() instanceof InternalServerErrorException, failure.toString());
        verify(topics, never()).resetCursorAsync(any(), any(), any(MessageId.class));
        verify(topics, never()).resetCursorAsync(any(), any(), any(MessageId.class), anyBoolean());
        verify(topics, never()).resetCursorAsync(any(), any(), anyLong());
    }

    @Test
    public void removingAMissingSubscriptionSucceeds() {
        when(topics.deleteSubscriptionAsync(TOPIC, GROUP)).thenReturn(CompletableFuture.failedFuture(
                new ClientErrorException(Response.Status.NOT_FOUND)));

        subscriptions.remove(TOPIC, GROUP).join();
    }

    @Test
    public void removingFailsOnOtherErrors() {
        when(topics.deleteSubscriptionAsync(TOPIC, GROUP)).thenReturn(CompletableFuture.failedFuture(
                new ClientErrorException(Response.Status.PRECONDITION_FAILED)));

        expectThrows(CompletionException.class, () -> subscriptions.remove(TOPIC, GROUP).join());
    }
}
