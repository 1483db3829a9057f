package io.tributary.it;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Runs {@link GroupMemberProcess} in a child JVM and collects what it reports. */
final class ExternalMember implements AutoCloseable {

    final List<String> received = new CopyOnWriteArrayList<>();
    private final Process process;
    private volatile int assigned;

    private ExternalMember(Process process) {
        this.process = process;
        Thread reader = new Thread(this::read, "external-member-output");
        reader.setDaemon(true);
        reader.start();
    }

    static ExternalMember start(String bootstrap, String group, String topic) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(java, "-Xmx128m", "-cp", System.getProperty("java.class.path"),
                GroupMemberProcess.class.getName(), bootstrap, group, topic)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        return new ExternalMember(process);
    }

    private void read() {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                if (line.startsWith("record ")) {
                    received.add(line.substring("record ".length()));
                } else if (line.startsWith("assigned ")) {
                    assigned = Integer.parseInt(line.substring("assigned ".length()));
                }
            }
        } catch (Exception e) {
            // the process ended
        }
    }

    int assigned() {
        return assigned;
    }

    /** Ends the process at once, without leaving the group. */
    void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    @Override
    public void close() throws InterruptedException {
        kill();
    }
}
