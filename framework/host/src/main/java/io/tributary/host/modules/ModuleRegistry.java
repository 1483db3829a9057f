package io.tributary.host.modules;

import io.tributary.host.HostConfig;
import io.tributary.host.runtime.FelixRuntime;
import io.tributary.host.services.SharedServices;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ref.WeakReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleException;
import org.osgi.framework.wiring.BundleWiring;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The modules directory as the source of truth: every jar in it is installed and started as a bundle, a
 * replaced jar is upgraded, a deleted jar is uninstalled. Admin operations change the directory and
 * reconcile at once. All changes run one at a time on the registry's own thread.
 */
public final class ModuleRegistry implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ModuleRegistry.class);

    private final FelixRuntime felix;
    private final Path directory;
    private final ProtocolModuleTracker tracker;
    private final ExecutorService operations;
    private final Map<String, ModuleFile> files = new ConcurrentHashMap<>();
    private final List<WeakReference<ClassLoader>> retiredLoaders = new CopyOnWriteArrayList<>();

    public ModuleRegistry(FelixRuntime felix, HostConfig config, SharedServices services) {
        this.felix = felix;
        this.directory = config.modulesDirectory();
        this.tracker = new ProtocolModuleTracker(felix.context(), config, services);
        this.operations = Executors.newSingleThreadExecutor(r -> {
            Thread thread = new Thread(r, "tributary-modules");
            thread.setDaemon(true);
            thread.setContextClassLoader(ModuleRegistry.class.getClassLoader());
            return thread;
        });
        tracker.open();
    }

    /** Brings the installed bundles in line with the directory's jars. */
    public CompletableFuture<Void> reconcile(Set<String> settledFiles) {
        return submit(() -> {
            for (String file : settledFiles) {
                reconcileFile(file);
            }
            for (String known : List.copyOf(files.keySet())) {
                if (!Files.exists(directory.resolve(known))) {
                    remove(known);
                }
            }
            return null;
        });
    }

    /** Jar files now in the modules directory. */
    public Set<String> jarFiles() {
        if (!Files.isDirectory(directory)) {
            return Set.of();
        }
        try (Stream<Path> entries = Files.list(directory)) {
            return entries.map(p -> p.getFileName().toString())
                    .filter(name -> name.endsWith(".jar") && !name.startsWith("."))
                    .collect(Collectors.toSet());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public CompletableFuture<ModuleStatus> install(String fileName, byte[] content) {
        return submit(() -> {
            if (!fileName.matches("[A-Za-z0-9._-]+\\.jar") || fileName.startsWith(".")) {
                throw ModuleOperationException.badRequest("module file name must look like name.jar: " + fileName);
            }
            if (Files.exists(directory.resolve(fileName))) {
                throw ModuleOperationException.conflict(fileName + " is already installed; use upgrade");
            }
            writeAtomically(fileName, content);
            reconcileFile(fileName);
            return statusOf(files.get(fileName));
        });
    }

    public CompletableFuture<ModuleStatus> upgrade(String name, byte[] content) {
        return submit(() -> {
            ModuleFile current = find(name);
            writeAtomically(current.file(), content);
            reconcileFile(current.file());
            return statusOf(files.get(current.file()));
        });
    }

    public CompletableFuture<ModuleStatus> uninstall(String name) {
        return submit(() -> {
            ModuleFile current = find(name);
            ModuleStatus last = statusOf(current);
            Files.deleteIfExists(directory.resolve(current.file()));
            remove(current.file());
            return new ModuleStatus(last.name(), last.file(), last.version(), "UNINSTALLED", last.protocol(),
                    List.of(), 0, null);
        });
    }

    public List<ModuleStatus> list() {
        return files.values().stream().map(this::statusOf)
                .sorted(Comparator.comparing(ModuleStatus::name)).toList();
    }

    /** Class loaders of bundle revisions that were upgraded or uninstalled; they must become unreachable. */
    public List<WeakReference<ClassLoader>> retiredClassLoaders() {
        return List.copyOf(retiredLoaders);
    }

    @Override
    public void close() {
        try {
            submit(() -> {
                for (String file : List.copyOf(files.keySet())) {
                    stopQuietly(files.get(file));
                }
                return null;
            }).join();
        } finally {
            tracker.close();
            operations.shutdownNow();
        }
    }

    private void reconcileFile(String file) throws IOException {
        Path path = directory.resolve(file);
        if (!Files.isRegularFile(path)) {
            return;
        }
        String stamp = Files.size(path) + "@" + Files.getLastModifiedTime(path).toMillis();
        ModuleFile known = files.get(file);
        if (known != null && known.stamp().equals(stamp)) {
            return;
        }
        byte[] content = Files.readAllBytes(path);
        String digest = Digests.sha256(content);
        if (known != null && known.digest().equals(digest)) {
            files.put(file, new ModuleFile(file, stamp, digest, known.bundle(), known.error()));
        } else if (known != null && known.bundle() != null) {
            files.put(file, upgradeBundle(known, stamp, digest, content));
        } else {
            files.put(file, installBundle(file, stamp, digest, content));
        }
    }

    private ModuleFile installBundle(String file, String stamp, String digest, byte[] content) {
        Bundle bundle;
        try {
            bundle = felix.install(directory.resolve(file).toUri().toString(), new ByteArrayInputStream(content));
        } catch (BundleException | RuntimeException e) {
            LOG.error("Module file {} is not an installable bundle: {}", file, e.getMessage());
            return new ModuleFile(file, stamp, digest, null, "not an installable OSGi bundle: " + e.getMessage());
        }
        LOG.info("Installed module {} {} from {}", bundle.getSymbolicName(), bundle.getVersion(), file);
        return new ModuleFile(file, stamp, digest, bundle, startBundle(bundle));
    }

    private ModuleFile upgradeBundle(ModuleFile known, String stamp, String digest, byte[] content) {
        Bundle bundle = known.bundle();
        retire(bundle);
        tracker.forget(bundle.getBundleId());
        try {
            felix.update(bundle, new ByteArrayInputStream(content));
        } catch (BundleException | RuntimeException e) {
            LOG.error("Upgrading module {} from {} failed: {}", bundle.getSymbolicName(), known.file(), e.getMessage());
            return new ModuleFile(known.file(), stamp, digest, bundle, "upgrade failed: " + e.getMessage());
        }
        LOG.info("Upgraded module {} to {} from {}", bundle.getSymbolicName(), bundle.getVersion(), known.file());
        return new ModuleFile(known.file(), stamp, digest, bundle, startBundle(bundle));
    }

    private String startBundle(Bundle bundle) {
        if (bundle.getState() == Bundle.ACTIVE || isFragment(bundle)) {
            return null;
        }
        try {
            bundle.start();
            return null;
        } catch (BundleException | RuntimeException e) {
            String cause = e.getCause() != null ? e.getCause().toString() : e.getMessage();
            LOG.error("Module {} failed to start: {}", bundle.getSymbolicName(), cause, e);
            return "failed to start: " + cause;
        }
    }

    private void remove(String file) {
        ModuleFile known = files.remove(file);
        if (known == null || known.bundle() == null) {
            return;
        }
        retire(known.bundle());
        tracker.forget(known.bundle().getBundleId());
        try {
            felix.uninstall(known.bundle());
            LOG.info("Uninstalled module {} ({})", known.bundle().getSymbolicName(), file);
        } catch (BundleException | RuntimeException e) {
            LOG.error("Uninstalling module {} failed: {}", file, e.getMessage(), e);
        }
    }

    private void stopQuietly(ModuleFile file) {
        if (file != null && file.bundle() != null) {
            try {
                file.bundle().stop();
            } catch (BundleException | RuntimeException e) {
                LOG.warn("Stopping module {} failed: {}", file.file(), e.getMessage());
            }
        }
    }

    private void retire(Bundle bundle) {
        BundleWiring wiring = bundle.adapt(BundleWiring.class);
        if (wiring != null && wiring.getClassLoader() != null) {
            retiredLoaders.add(new WeakReference<>(wiring.getClassLoader()));
        }
    }

    private ModuleFile find(String name) {
        ModuleFile byFile = files.get(name);
        if (byFile != null) {
            return byFile;
        }
        return files.values().stream()
                .filter(f -> name.equals(statusOf(f).name()) || name.equals(statusOf(f).protocol()))
                .findFirst()
                .orElseThrow(() -> ModuleOperationException.notFound(name));
    }

    private ModuleStatus statusOf(ModuleFile file) {
        Bundle bundle = file.bundle();
        if (bundle == null) {
            return new ModuleStatus(file.file(), file.file(), "", "FAILED", "", List.of(), 0, file.error());
        }
        String name = bundle.getSymbolicName() != null ? bundle.getSymbolicName() : file.file();
        String version = bundle.getVersion().toString();
        Optional<RunningModule> running = tracker.runningIn(bundle.getBundleId());
        Optional<String> failure = tracker.failureOf(bundle.getBundleId()).or(() -> Optional.ofNullable(file.error()));
        if (running.isPresent()) {
            RunningModule module = running.get();
            return new ModuleStatus(name, file.file(), version, "ACTIVE", module.protocol(), module.listeners(),
                    module.openConnections(), null);
        }
        if (failure.isPresent()) {
            return new ModuleStatus(name, file.file(), version, "FAILED", "", List.of(), 0, failure.get());
        }
        String state = bundle.getState() == Bundle.ACTIVE ? "INSTALLED" : "STOPPED";
        return new ModuleStatus(name, file.file(), version, state, "", List.of(), 0, null);
    }

    private void writeAtomically(String file, byte[] content) throws IOException {
        Files.createDirectories(directory);
        Path temp = directory.resolve("." + file + ".tmp");
        Files.write(temp, content);
        Files.move(temp, directory.resolve(file), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static boolean isFragment(Bundle bundle) {
        return bundle.getHeaders().get("Fragment-Host") != null;
    }

    private <T> CompletableFuture<T> submit(Callable<T> operation) {
        CompletableFuture<T> result = new CompletableFuture<>();
        operations.execute(() -> {
            try {
                result.complete(operation.call());
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        });
        return result;
    }
}
