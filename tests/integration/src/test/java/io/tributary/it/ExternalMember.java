package io.tributary.it;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Runs {@link GroupMemberProcess} in a child JVM and collects what it reports. The child writes to a file
 * rather than a pipe: a pipe's unread lines can be lost when the child is killed, and the member commits
 * right after reporting, so a test would miss records the member did receive.
 */
final class ExternalMember implements AutoCloseable {

    final List<String> received = new CopyOnWriteArrayList<>();
    private final Process process;
    private final Path output;
    private final Thread reader;
    private volatile boolean exited;
    private volatile int assigned;

    private ExternalMember(Process process, Path output) {
        this.process = process;
        this.output = output;
        this.reader = new Thread(this::follow, "external-member-output");
        reader.setDaemon(true);
        reader.start();
    }

    static ExternalMember start(String bootstrap, String group, String topic) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path output = Files.createTempFile("group-member", ".out");
        Process process = new ProcessBuilder(java, "-Xmx128m", "-cp", System.getProperty("java.class.path"),
                GroupMemberProcess.class.getName(), bootstrap, group, topic)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .redirectOutput(output.toFile())
                .start();
        return new ExternalMember(process, output);
    }

    /** Follows the output file as it grows; once the child has exited, reads it to the end and stops. */
    private void follow() {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        try (InputStream in = new BufferedInputStream(Files.newInputStream(output))) {
            while (true) {
                boolean last = exited;
                int b;
                while ((b = in.read()) != -1) {
                    if (b == '\n') {
                        report(line.toString(StandardCharsets.UTF_8));
                        line.reset();
                    } else {
                        line.write(b);
                    }
                }
                if (last) {
                    return;
                }
                Thread.sleep(20);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void report(String line) {
        if (line.startsWith("record ")) {
            received.add(line.substring("record ".length()));
        } else if (line.startsWith("assigned ")) {
            assigned = Integer.parseInt(line.substring("assigned ".length()));
        }
    }

    int assigned() {
        return assigned;
    }

    /** Ends the process at once, without leaving the group, and takes in everything it reported. */
    void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
        exited = true;
        reader.join();
    }

    @Override
    public void close() throws Exception {
        kill();
        Files.deleteIfExists(output);
    }
}
