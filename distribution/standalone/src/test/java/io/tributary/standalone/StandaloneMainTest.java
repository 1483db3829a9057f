package io.tributary.standalone;

import static org.testng.Assert.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.testng.annotations.Test;

public class StandaloneMainTest {

    private static final Path HOME = Path.of("/opt/tributary");

    @Test
    public void theHostKeepsItsFilesUnderTheDataDirectory() throws Exception {
        Path dataDir = Files.createTempDirectory("standalone-data");

        Properties p = StandaloneMain.properties(
                StandaloneOptions.parse(new String[] {"--data-dir", dataDir.toString()}, HOME), HOME);

        assertEquals(p.getProperty("tributary.storageDirectory"), dataDir.resolve("tributary").toString());
        Files.delete(dataDir);
    }

    @Test
    public void aConfigFileCanPutTheHostsFilesElsewhere() throws Exception {
        Path config = Files.createTempFile("standalone", ".conf");
        Files.writeString(config, "tributary.storageDirectory=/srv/tributary-host\n");

        Properties p = StandaloneMain.properties(
                StandaloneOptions.parse(new String[] {"--config", config.toString()}, HOME), HOME);

        assertEquals(p.getProperty("tributary.storageDirectory"), "/srv/tributary-host");
        Files.delete(config);
    }
}
