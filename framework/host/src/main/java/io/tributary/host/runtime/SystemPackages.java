package io.tributary.host.runtime;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * The packages the host exports to protocol bundles: the SPI, Netty and slf4j, each with the version
 * its own jar's OSGi manifest declares, so bundles resolve against exactly what the broker runs.
 */
public final class SystemPackages {

    /** One class from each library whose packages bundles may import. */
    static final List<String> ANCHORS = List.of(
            "io.tributary.spi.ProtocolModule",
            "io.netty.buffer.ByteBuf",
            "io.netty.util.Version",
            "io.netty.channel.Channel",
            "io.netty.handler.codec.ByteToMessageDecoder",
            "io.netty.handler.codec.http.HttpObject",
            "io.netty.handler.ssl.SslHandler",
            "io.netty.resolver.AddressResolver",
            "io.netty.channel.epoll.Epoll",
            "io.netty.channel.unix.Socket",
            "org.slf4j.Logger");

    private SystemPackages() {
    }

    /** The value for {@code org.osgi.framework.system.packages.extra}. */
    public static String exports(ClassLoader loader) {
        Set<String> clauses = new LinkedHashSet<>();
        for (String anchor : ANCHORS) {
            try {
                clauses.addAll(exportsOf(loader.loadClass(anchor)));
            } catch (ClassNotFoundException absent) {
                // optional library (e.g. epoll on a platform without it)
            }
        }
        return String.join(",", clauses);
    }

    static List<String> exportsOf(Class<?> anchor) {
        CodeSource source = anchor.getProtectionDomain().getCodeSource();
        if (source == null) {
            return List.of();
        }
        try (JarFile jar = new JarFile(Path.of(source.getLocation().toURI()).toFile())) {
            Manifest manifest = jar.getManifest();
            String exports = manifest == null ? null : manifest.getMainAttributes().getValue("Export-Package");
            return exports == null ? List.of() : withoutDirectives(exports);
        } catch (IOException | URISyntaxException | IllegalArgumentException notAJar) {
            return List.of();
        }
    }

    /** Splits an Export-Package header into {@code package;version=...} clauses, dropping uses:= and the like. */
    static List<String> withoutDirectives(String header) {
        List<String> clauses = new ArrayList<>();
        for (String clause : splitOutsideQuotes(header, ',')) {
            StringBuilder kept = new StringBuilder();
            for (String part : splitOutsideQuotes(clause, ';')) {
                String trimmed = part.trim();
                if (kept.length() == 0) {
                    kept.append(trimmed);
                } else if (trimmed.startsWith("version=")) {
                    kept.append(';').append(trimmed);
                }
            }
            if (kept.length() > 0) {
                clauses.add(kept.toString());
            }
        }
        return clauses;
    }

    private static List<String> splitOutsideQuotes(String text, char separator) {
        List<String> parts = new ArrayList<>();
        boolean quoted = false;
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (c == separator && !quoted) {
                parts.add(text.substring(start, i));
                start = i + 1;
            }
        }
        parts.add(text.substring(start));
        return parts;
    }
}
