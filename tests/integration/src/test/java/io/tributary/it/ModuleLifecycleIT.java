package io.tributary.it;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertNull;
import static org.testng.Assert.assertTrue;
import static org.testng.Assert.expectThrows;
import static org.testng.Assert.fail;

import io.tributary.standalone.ModulesClient;
import java.io.IOException;
import java.lang.ref.WeakReference;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.apache.pulsar.client.api.Consumer;
import org.apache.pulsar.client.api.Message;
import org.apache.pulsar.client.api.Producer;
import org.apache.pulsar.client.api.PulsarClient;
import org.apache.pulsar.client.api.Schema;
import org.testng.annotations.AfterClass;
import org.testng.annotations.BeforeClass;
import org.testng.annotations.Test;

/**
 * Install, upgrade, failure, uninstall and restart of protocol modules on a running broker that loaded
 * the host from its NAR. The tests build on each other and run in priority order on one broker.
 */
public class ModuleLifecycleIT {

    private final int echoPort = FreePorts.next();
    private final int busyPort = FreePorts.next();
    private TributaryBroker broker;
    private ModulesClient modules;
    private ServerSocket portHog;

    @BeforeClass
    public void startBroker() throws Exception {
        broker = TributaryBroker.start(
                "echo://127.0.0.1:" + echoPort + ",busy://127.0.0.1:" + busyPort, Map.of());
        modules = broker.modules();
    }

    @AfterClass(alwaysRun = true)
    public void stopBroker() throws IOException {
        if (portHog != null) {
            portHog.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    @Test(priority = 1)
    public void moduleInstalledAtRuntimeServesOnItsListener() throws Exception {
        expectThrows(ConnectException.class, () -> new LineClient(echoPort));

        ModulesClient.Reply reply = modules.install(ModuleJars.ECHO.getParent().resolve("tributary-test-echo.jar"));

        assertTrue(reply.ok(), reply.json());
        assertTrue(reply.json().contains("\"state\" : \"ACTIVE\""), reply.json());
        try (LineClient client = new LineClient(echoPort)) {
            assertEquals(client.call("hello"), "1.0.0 hello");
        }
        String metrics = broker.metrics();
        assertTrue(metrics.contains("tributary_echo_lines_total{cluster=\"standalone\",version=\"1.0.0\"} 1\n"), metrics);
        assertTrue(metrics.contains("# TYPE tributary_echo_in_flight gauge\n"), metrics);
        String list = modules.list().json();
        assertTrue(list.contains("\"protocol\" : \"echo\""), list);
        assertTrue(list.contains("\"advertised\" : \"localhost:" + echoPort + "\""), list);
        String published = broker.publishedEndpoints();
        assertTrue(published.contains("echo") && published.contains(Integer.toString(echoPort)), published);
    }

    @Test(priority = 2)
    public void upgradeDrainsInFlightRequestsClosesAndServesTheNewVersion() throws Exception {
        try (LineClient client = new LineClient(echoPort)) {
            assertEquals(client.call("before"), "1.0.0 before");
            client.send("slow 1500");

            ModulesClient.Reply reply = modules.upgrade("io.tributary.test.echo", ModuleJars.echo("2.0.0"));

            assertTrue(reply.ok(), reply.json());
            assertEquals(client.read(), "1.0.0 slow 1500", "the in-flight request is answered before the close");
            assertNull(client.read(), "the old version closes the connection");
        }
        try (LineClient client = new LineClient(echoPort)) {
            assertEquals(client.call("after"), "2.0.0 after");
        }
    }

    @Test(priority = 3)
    public void brokenModulesAreReportedAndTheRestKeepsServing() throws Exception {
        Path failing = ModuleJars.withHeaders(ModuleJars.ECHO, Map.of(
                "Bundle-SymbolicName", "io.tributary.test.failing",
                "Bundle-Activator", "io.tributary.testmodule.echo.FailingActivator"));
        Path notABundle = Files.createTempFile("plain", ".jar");
        notABundle.toFile().deleteOnExit();
        Files.writeString(notABundle, "this is not a jar", StandardCharsets.UTF_8);
        portHog = new ServerSocket(busyPort);
        Path portInUse = ModuleJars.withHeaders(ModuleJars.ECHO, Map.of(
                "Bundle-SymbolicName", "io.tributary.test.busy", "Echo-Protocol", "busy"));

        broker.drop(failing, "failing.jar");
        broker.drop(notABundle, "corrupt.jar");
        broker.drop(portInUse, "busy.jar");

        awaitTrue(() -> countFailed(list()) == 3, "three failed modules in " + list());
        String list = list();
        assertTrue(list.contains("echo module configured to fail on start"), list);
        assertTrue(list.contains("not an installable OSGi bundle"), list);
        assertTrue(list.contains(Integer.toString(busyPort)), list);
        try (LineClient client = new LineClient(echoPort)) {
            assertEquals(client.call("still here"), "2.0.0 still here");
        }
        assertPulsarServes("persistent://public/default/after-broken-modules");

        for (String name : List.of("io.tributary.test.failing", "corrupt.jar", "io.tributary.test.busy")) {
            assertTrue(modules.uninstall(name).ok(), name);
        }
        assertEquals(countFailed(list()), 0, list());
    }

    @Test(priority = 4)
    public void watchedDirectoryInstallsAndRemovesModules() throws Exception {
        Path file = broker.modulesDirectory().resolve("watched.jar");
        broker.drop(ModuleJars.withHeaders(ModuleJars.ECHO, Map.of(
                "Bundle-SymbolicName", "io.tributary.test.watched", "Echo-Protocol", "busy")), "watched.jar");
        portHog.close();
        portHog = null;
        awaitTrue(() -> list().contains("io.tributary.test.watched"), "watched module installed");

        Files.delete(file);

        awaitTrue(() -> !list().contains("io.tributary.test.watched"), "watched module removed");
    }

    @Test(priority = 5)
    public void restartBringsInstalledModulesBack() throws Exception {
        broker.restart();

        try (LineClient client = new LineClient(echoPort)) {
            assertEquals(client.call("restarted"), "2.0.0 restarted");
        }
    }

    @Test(priority = 6)
    public void uninstallClosesThePortAndReleasesTheClassLoader() throws Exception {
        ModulesClient.Reply reply = modules.uninstall("echo");

        assertTrue(reply.ok(), reply.json());
        expectThrows(ConnectException.class, () -> new LineClient(echoPort));
        assertFalse(broker.publishedEndpoints().contains(Integer.toString(echoPort)), broker.publishedEndpoints());
        assertFalse(broker.metrics().contains("tributary_echo_"), "the module's metrics leave with it");
        List<WeakReference<ClassLoader>> retired = broker.retiredModuleClassLoaders();
        assertFalse(retired.isEmpty());
        awaitCollected(retired);
    }

    private void assertPulsarServes(String topic) throws Exception {
        try (PulsarClient client = PulsarClient.builder().serviceUrl(broker.pulsarUrl()).build();
             Consumer<String> consumer = client.newConsumer(Schema.STRING).topic(topic).subscriptionName("s").subscribe();
             Producer<String> producer = client.newProducer(Schema.STRING).topic(topic).create()) {
            producer.send("pulsar still serves");
            Message<String> message = consumer.receive(30, TimeUnit.SECONDS);
            assertEquals(message.getValue(), "pulsar still serves");
        }
    }

    private String list() {
        try {
            return modules.list().json();
        } catch (IOException e) {
            return e.toString();
        }
    }

    private static int countFailed(String json) {
        return json.split("\"state\" : \"FAILED\"", -1).length - 1;
    }

    private static void awaitTrue(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return;
            }
            Thread.sleep(100);
        }
        fail("timed out waiting for: " + what);
    }

    private static void awaitCollected(List<WeakReference<ClassLoader>> loaders) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            System.gc();
            if (loaders.stream().allMatch(ref -> ref.get() == null)) {
                return;
            }
            Thread.sleep(200);
        }
        fail("module class loaders still reachable: "
                + loaders.stream().filter(ref -> ref.get() != null).map(ref -> String.valueOf(ref.get())).toList());
    }
}
