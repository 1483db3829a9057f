package io.tributary.host.runtime;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertTrue;

import java.util.List;
import org.testng.annotations.Test;

public class SystemPackagesTest {

    @Test
    public void keepsPackageAndVersionAndDropsDirectives() {
        String header = "io.netty.buffer;uses:=\"io.netty.util,io.netty.util.concurrent\";version=\"4.1.136\","
                + "io.netty.buffer.search;version=\"4.1.136\";uses:=\"io.netty.buffer\",org.slf4j";

        assertEquals(SystemPackages.withoutDirectives(header), List.of(
                "io.netty.buffer;version=\"4.1.136\"",
                "io.netty.buffer.search;version=\"4.1.136\"",
                "org.slf4j"));
    }

    @Test
    public void exportsNettyAndSlf4jWithTheirManifestVersions() {
        String exports = SystemPackages.exports(getClass().getClassLoader());

        assertTrue(exports.matches(".*io\\.netty\\.buffer;version=\"4\\.1\\.\\d+.*"), exports);
        assertTrue(exports.matches(".*io\\.netty\\.channel;version=\"4\\.1\\.\\d+.*"), exports);
        assertTrue(exports.matches(".*org\\.slf4j;version=\"2\\.\\d+.*"), exports);
        assertTrue(exports.contains("io.tributary.spi;version=\"1.2.0\""), exports);
        assertTrue(exports.contains("io.tributary.spi.storage;version=\"1.3.0\""), exports);
        assertTrue(exports.contains("io.tributary.spi.topic;version=\"1.2.0\""), exports);
        assertTrue(exports.contains("io.tributary.spi.metrics;version=\"1.0.0\""), exports);
    }
}
