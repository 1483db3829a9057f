package io.tributary.kafka.admin;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;

import io.tributary.kafka.topic.KafkaTopics;
import io.tributary.spi.topic.TopicMetadata;
import io.tributary.spi.topic.TopicName;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.UnaryOperator;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.ApiError;
import org.mockito.ArgumentCaptor;
import org.testng.annotations.Test;

public class TopicConfigAlterationTest {

    private static final byte TOPIC = ConfigResource.Type.TOPIC.id();

    private static CompletableFuture<ApiError> setRetention(TopicConfigAlteration alteration, String ms) {
        return alteration.alter(new TopicConfigAlteration.Resource(TOPIC, "t",
                () -> current -> Map.of("retention.ms", ms)), false, false);
    }

    @Test
    public void alterationsOfOneTopicTakeTurns() {
        KafkaTopics topics = mock(KafkaTopics.class);
        TopicName name = new TopicName("public", "default", "t");
        TopicMetadata stored = new TopicMetadata(name, 1, true, UUID.randomUUID(), Map.of());
        CompletableFuture<TopicMetadata> firstStore = new CompletableFuture<>();
        when(topics.parse("t")).thenReturn(name);
        when(topics.updateConfig(eq(name), any())).thenReturn(firstStore)
                .thenReturn(CompletableFuture.completedFuture(stored));
        TopicConfigAlteration alteration = new TopicConfigAlteration(topics, 1048588);

        CompletableFuture<ApiError> first = setRetention(alteration, "1");
        CompletableFuture<ApiError> second = setRetention(alteration, "2");
        verify(topics, times(1)).updateConfig(eq(name), any());
        assertFalse(second.isDone());

        firstStore.complete(stored);
        assertEquals(first.join().error(), Errors.NONE);
        assertEquals(second.join().error(), Errors.NONE);
        @SuppressWarnings("unchecked")
        ArgumentCaptor<UnaryOperator<Map<String, String>>> changes = ArgumentCaptor.forClass(UnaryOperator.class);
        verify(topics, times(2)).updateConfig(eq(name), changes.capture());
        assertEquals(changes.getAllValues().get(1).apply(Map.of("segment.ms", "5")), Map.of("retention.ms", "2"),
                "the second change, applied to whatever is stored then");
    }

    @Test
    public void theChangeIsCheckedWhereverTheLookupAppliesIt() {
        KafkaTopics topics = mock(KafkaTopics.class);
        TopicName name = new TopicName("public", "default", "t");
        when(topics.parse("t")).thenReturn(name);
        when(topics.updateConfig(eq(name), any())).thenAnswer(call -> {
            UnaryOperator<Map<String, String>> change = call.getArgument(1);
            try {
                change.apply(Map.of());
                return CompletableFuture.completedFuture(new TopicMetadata(name, 1, true, UUID.randomUUID(), Map.of()));
            } catch (RuntimeException e) {
                return CompletableFuture.failedFuture(e);
            }
        });
        TopicConfigAlteration alteration = new TopicConfigAlteration(topics, 1048588);

        assertEquals(setRetention(alteration, "-5").join().error(), Errors.INVALID_CONFIG);
        assertEquals(setRetention(alteration, "2").join().error(), Errors.NONE);
    }

    @Test
    public void aFailedAlterationDoesNotHoldUpTheNext() {
        KafkaTopics topics = mock(KafkaTopics.class);
        TopicName name = new TopicName("public", "default", "t");
        TopicMetadata stored = new TopicMetadata(name, 1, true, UUID.randomUUID(), Map.of());
        when(topics.parse("t")).thenReturn(name);
        when(topics.updateConfig(eq(name), any())).thenReturn(CompletableFuture.failedFuture(
                new IllegalArgumentException("refused"))).thenReturn(CompletableFuture.completedFuture(stored));
        TopicConfigAlteration alteration = new TopicConfigAlteration(topics, 1048588);

        assertEquals(setRetention(alteration, "1")
                .join().error(), Errors.INVALID_CONFIG);
        assertEquals(setRetention(alteration, "2")
                .join().error(), Errors.NONE);
    }
}
