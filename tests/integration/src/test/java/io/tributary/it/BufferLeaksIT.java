package io.tributary.it;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import io.netty.util.ResourceLeakDetectorFactory;
import java.util.List;
import org.testng.annotations.AfterSuite;
import org.testng.annotations.Test;

/**
 * Fails the suite when a buffer that Tributary's code touched was garbage collected without being
 * released. Netty notices a leak only when the buffer has been collected and a later allocation polls
 * for it, so the check collects garbage and allocates before it looks.
 */
public class BufferLeaksIT {

    private static final int FLUSHES = 3;

    @Test
    public void everyBufferIsTracked() {
        assertEquals(ResourceLeakDetector.getLevel(), ResourceLeakDetector.Level.PARANOID);
        assertTrue(ResourceLeakDetectorFactory.instance().newResourceLeakDetector(ByteBuf.class)
                instanceof RecordingLeakDetector, "leaks are recorded");
    }

    @AfterSuite(alwaysRun = true)
    public void noBufferTouchedByTributaryLeaked() throws InterruptedException {
        for (int i = 0; i < FLUSHES; i++) {
            System.gc();
            Thread.sleep(200);
            PooledByteBufAllocator.DEFAULT.directBuffer(1).release();
            PooledByteBufAllocator.DEFAULT.heapBuffer(1).release();
        }
        List<String> ours = RecordingLeakDetector.reports().stream()
                .filter(report -> report.contains("io.tributary.")).toList();
        assertTrue(ours.isEmpty(), ours.size() + " leaked buffers, the first: " + (ours.isEmpty() ? "" : ours.get(0)));
    }
}
