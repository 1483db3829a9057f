package io.tributary.host.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;
import org.osgi.framework.wiring.FrameworkWiring;

/**
 * An embedded Apache Felix framework. Installs, updates and uninstalls bundles and refreshes wiring so
 * that a replaced or removed bundle's class loader is dropped.
 */
public final class FelixRuntime implements AutoCloseable {

    private static final long STOP_WAIT_MS = 30_000;

    private final Framework framework;

    private FelixRuntime(Framework framework) {
        this.framework = framework;
    }

    /** Starts a framework whose cache lives in {@code storage} and that exports the host's packages. */
    public static FelixRuntime start(Path storage) throws BundleException, IOException {
        Files.createDirectories(storage);
        ClassLoader hostLoader = FelixRuntime.class.getClassLoader();
        Map<String, Object> config = new HashMap<>();
        config.put(Constants.FRAMEWORK_STORAGE, storage.toAbsolutePath().toString());
        config.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        config.put(Constants.FRAMEWORK_SYSTEMPACKAGES_EXTRA, SystemPackages.exports(hostLoader));
        config.put(Constants.FRAMEWORK_BOOTDELEGATION, "sun.*,com.sun.*,jdk.internal.*");
        config.put("felix.log.logger", new FelixLogger());
        config.put("felix.log.level", "3");
        FrameworkFactory factory = ServiceLoader.load(FrameworkFactory.class, hostLoader).findFirst()
                .orElseThrow(() -> new BundleException("no OSGi FrameworkFactory on the host's class path"));
        @SuppressWarnings({"unchecked", "rawtypes"})
        Framework framework = factory.newFramework((Map) config);
        framework.start();
        return new FelixRuntime(framework);
    }

    public BundleContext context() {
        return framework.getBundleContext();
    }

    public Bundle install(String location, InputStream content) throws BundleException {
        return context().installBundle(location, content);
    }

    /** Stops a bundle, replaces its content and drops its old class loader; the caller starts it again. */
    public void update(Bundle bundle, InputStream content) throws BundleException {
        bundle.stop();
        bundle.update(content);
        refresh(List.of(bundle));
    }

    /** Removes a bundle and drops its class loader. */
    public void uninstall(Bundle bundle) throws BundleException {
        bundle.uninstall();
        refresh(List.of(bundle));
    }

    private void refresh(List<Bundle> bundles) throws BundleException {
        CompletableFuture<FrameworkEvent> done = new CompletableFuture<>();
        framework.adapt(FrameworkWiring.class).refreshBundles(bundles, done::complete);
        try {
            FrameworkEvent event = done.get(STOP_WAIT_MS, TimeUnit.MILLISECONDS);
            if (event.getType() == FrameworkEvent.ERROR) {
                throw new BundleException("refresh failed", event.getThrowable());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BundleException("interrupted while refreshing bundles");
        } catch (Exception e) {
            throw new BundleException("refresh did not complete: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() throws BundleException, InterruptedException {
        framework.stop();
        framework.waitForStop(STOP_WAIT_MS);
    }
}
