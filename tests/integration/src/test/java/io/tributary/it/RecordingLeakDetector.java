package io.tributary.it;

import io.netty.util.ResourceLeakDetector;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Netty's leak detector, which also keeps every leak it reports, for {@link BufferLeaksIT}. The integration
 * test JVMs install it with {@code -Dio.netty.customResourceLeakDetector} and track every buffer
 * ({@code -Dio.netty.leakDetection.level=paranoid}), each access recorded with its stack.
 */
public final class RecordingLeakDetector<T> extends ResourceLeakDetector<T> {

    private static final List<String> REPORTS = new CopyOnWriteArrayList<>();

    public RecordingLeakDetector(Class<?> resourceType, int samplingInterval) {
        super(resourceType, samplingInterval);
    }

    /** What was reported so far: the resource type, then the recorded accesses when there are any. */
    static List<String> reports() {
        return List.copyOf(REPORTS);
    }

    @Override
    protected boolean needReport() {
        return true;
    }

    @Override
    protected void reportTracedLeak(String resourceType, String records) {
        REPORTS.add(resourceType + records);
        super.reportTracedLeak(resourceType, records);
    }

    @Override
    protected void reportUntracedLeak(String resourceType) {
        REPORTS.add(resourceType);
        super.reportUntracedLeak(resourceType);
    }
}
