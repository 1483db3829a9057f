package io.tributary.standalone;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertTrue;

import com.google.common.io.MoreFiles;
import com.google.common.io.RecursiveDeleteOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.bookkeeper.bookie.Bookie;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.Property;
import org.testng.annotations.AfterMethod;
import org.testng.annotations.BeforeMethod;
import org.testng.annotations.Test;

public class EmbeddedBookieTest {

    private static final String BOOKIE_LOGGER = Bookie.class.getName();

    private final List<String> bookieEvents = new CopyOnWriteArrayList<>();
    private Path dir;
    private LoggerConfig savedLogger;

    @BeforeMethod
    public void captureBookieLog() throws Exception {
        dir = Files.createTempDirectory("embedded-bookie");
        AbstractAppender appender = new AbstractAppender("bookie-events", null, null, true, Property.EMPTY_ARRAY) {
            @Override
            public void append(LogEvent event) {
                bookieEvents.add(event.getLevel() + " " + event.getMessage().getFormattedMessage());
            }
        };
        appender.start();
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        savedLogger = context.getConfiguration().getLoggers().get(BOOKIE_LOGGER);
        LoggerConfig logger = new LoggerConfig(BOOKIE_LOGGER, Level.INFO, false);
        logger.addAppender(appender, Level.INFO, null);
        context.getConfiguration().addLogger(BOOKIE_LOGGER, logger);
        context.updateLoggers();
    }

    @AfterMethod(alwaysRun = true)
    public void restoreLog() throws Exception {
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        context.getConfiguration().removeLogger(BOOKIE_LOGGER);
        if (savedLogger != null) {
            context.getConfiguration().addLogger(BOOKIE_LOGGER, savedLogger);
        }
        context.updateLoggers();
        MoreFiles.deleteRecursively(dir, RecursiveDeleteOption.ALLOW_INSECURE);
    }

    @Test
    public void closingTheBookieShutsItDownOnceWithoutErrors() throws Exception {
        for (int start = 1; start <= 2; start++) {
            EmbeddedBookie bookie = EmbeddedBookie.start(TestBookieConfiguration.small(),
                    "rocksdb://" + dir.resolve("metadata"), dir.resolve("bookkeeper"));
            bookie.close();
        }

        assertEquals(bookieEvents.stream().filter(e -> e.contains("Shutting down Bookie")).count(), 2L,
                bookieEvents.toString());
        assertTrue(bookieEvents.stream().noneMatch(e -> e.contains("Triggering shutdown")), bookieEvents.toString());
        assertTrue(bookieEvents.stream().noneMatch(e -> e.startsWith("ERROR")), bookieEvents.toString());
    }
}
