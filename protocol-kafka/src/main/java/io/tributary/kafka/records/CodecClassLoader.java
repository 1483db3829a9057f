package io.tributary.kafka.records;

import java.util.function.Supplier;

/**
 * Runs kafka-clients code with this bundle's class loader as the thread context class loader, so that
 * anything it or a compression library loads by name resolves inside the bundle rather than in the
 * host's loader of the calling thread.
 */
public final class CodecClassLoader {

    private static final ClassLoader BUNDLE_LOADER = CodecClassLoader.class.getClassLoader();

    private CodecClassLoader() {
    }

    public static <T> T call(Supplier<T> action) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        if (previous == BUNDLE_LOADER) {
            return action.get();
        }
        thread.setContextClassLoader(BUNDLE_LOADER);
        try {
            return action.get();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    public static void run(Runnable action) {
        call(() -> {
            action.run();
            return null;
        });
    }
}
