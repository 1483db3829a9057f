package io.tributary.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/** Variants of a module jar with changed manifest headers (a new version, another activator, ...). */
final class ModuleJars {

    static final Path ECHO = TributaryBroker.ARTIFACTS.resolve("tributary-test-echo.jar");

    private ModuleJars() {
    }

    static Path withHeaders(Path jar, Map<String, String> headers) throws IOException {
        Path out = Files.createTempFile("module", ".jar");
        out.toFile().deleteOnExit();
        try (JarFile in = new JarFile(jar.toFile())) {
            Manifest manifest = new Manifest(in.getManifest());
            Attributes main = manifest.getMainAttributes();
            headers.forEach((k, v) -> main.put(new Attributes.Name(k), v));
            try (OutputStream file = Files.newOutputStream(out); JarOutputStream target = new JarOutputStream(file, manifest)) {
                Enumeration<JarEntry> entries = in.entries();
                while (entries.hasMoreElements()) {
                    JarEntry entry = entries.nextElement();
                    if (entry.getName().equalsIgnoreCase(JarFile.MANIFEST_NAME)) {
                        continue;
                    }
                    target.putNextEntry(new JarEntry(entry.getName()));
                    try (InputStream content = in.getInputStream(entry)) {
                        content.transferTo(target);
                    }
                    target.closeEntry();
                }
            }
        }
        return out;
    }

    static Path echo(String version) throws IOException {
        return withHeaders(ECHO, Map.of("Bundle-Version", version));
    }
}
