package io.tributary.standalone;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/** {@code tributary modules list | install FILE | upgrade FILE [NAME] | uninstall NAME} against a running broker. */
public final class ModulesMain {

    static final String USAGE = "usage: tributary modules [--admin URL] list | install FILE.jar"
            + " | upgrade FILE.jar [NAME] | uninstall NAME\n  URL defaults to http://localhost:8081;"
            + " NAME defaults to the jar's Bundle-SymbolicName";

    private ModulesMain() {
    }

    public static void main(String[] args) {
        String admin = "http://localhost:8081";
        int i = 0;
        if (args.length > 1 && args[0].equals("--admin")) {
            admin = args[1];
            i = 2;
        }
        if (i >= args.length) {
            fail(USAGE, 2);
        }
        ModulesClient client = new ModulesClient(admin);
        String command = args[i];
        try {
            ModulesClient.Reply reply = switch (command) {
                case "list" -> client.list();
                case "install" -> client.install(jar(args, i + 1));
                case "upgrade" -> client.upgrade(args.length > i + 2 ? args[i + 2] : symbolicName(jar(args, i + 1)),
                        jar(args, i + 1));
                case "uninstall" -> client.uninstall(argument(args, i + 1));
                default -> {
                    fail("unknown command '" + command + "'\n" + USAGE, 2);
                    yield null;
                }
            };
            System.out.print(reply.json());
            System.exit(reply.ok() ? 0 : 1);
        } catch (IOException e) {
            fail("cannot reach the modules admin API at " + admin + " (is the broker running? --admin URL"
                    + " names another one): " + StandaloneMain.rootMessage(e), 1);
        }
    }

    /** The module a jar upgrades: its Bundle-SymbolicName, or its file name when it has none. */
    static String symbolicName(Path jar) throws IOException {
        try (JarFile file = new JarFile(jar.toFile())) {
            Manifest manifest = file.getManifest();
            String name = manifest == null ? null : manifest.getMainAttributes().getValue("Bundle-SymbolicName");
            return name == null ? jar.getFileName().toString() : name.split(";")[0].trim();
        }
    }

    private static Path jar(String[] args, int index) {
        Path path = Path.of(argument(args, index));
        if (!Files.isRegularFile(path)) {
            fail("no such file: " + path, 2);
        }
        return path;
    }

    private static String argument(String[] args, int index) {
        if (index >= args.length) {
            fail(USAGE, 2);
        }
        return args[index];
    }

    private static void fail(String message, int code) {
        System.err.println("tributary: " + message);
        System.exit(code);
    }
}
