package io.tributary.it;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a client program as a child process and keeps what it printed. */
final class ClientRun {

    /** Where the client programs (clients/) and node_modules live; set by failsafe. */
    static final Path HOME = Path.of(System.getProperty("compat.home", "."));

    final List<String> command;
    final int exitCode;
    final String stdout;
    final String stderr;

    private ClientRun(List<String> command, int exitCode, String stdout, String stderr) {
        this.command = command;
        this.exitCode = exitCode;
        this.stdout = stdout;
        this.stderr = stderr;
    }

    static ClientRun run(Duration bound, String stdin, List<String> command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(HOME.toFile());
        long started = System.nanoTime();
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new IOException(command.get(0) + " is not installed; .ci/run installs what this suite runs", e);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Thread outReader = pump(process.getInputStream(), out);
        Thread errReader = pump(process.getErrorStream(), err);
        process.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().close();
        if (!process.waitFor(bound.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            outReader.join(5000);
            errReader.join(5000);
            throw new AssertionError("did not finish within " + bound + ": " + command + "\nstdout:\n"
                    + out.toString(StandardCharsets.UTF_8) + "\nstderr:\n" + err.toString(StandardCharsets.UTF_8));
        }
        outReader.join();
        errReader.join();
        System.out.printf("%s: exit %d in %d ms%n", command.subList(Math.max(0, command.size() - 6), command.size()),
                process.exitValue(), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        return new ClientRun(command, process.exitValue(), out.toString(StandardCharsets.UTF_8),
                err.toString(StandardCharsets.UTF_8));
    }

    /** Runs the command and fails, with everything it printed, unless it exits with 0. */
    static ClientRun ok(Duration bound, String stdin, List<String> command) throws IOException, InterruptedException {
        ClientRun run = run(bound, stdin, command);
        if (run.exitCode != 0) {
            throw new AssertionError("exit code " + run.exitCode + ": " + run);
        }
        return run;
    }

    /** Lines of standard output that start with {@code word} followed by a space (or are just the word). */
    List<String> lines(String word) {
        return stdout.lines().filter(l -> l.equals(word) || l.startsWith(word + " ")).toList();
    }

    List<Rec> records() {
        return lines("record").stream().map(Rec::parse).toList();
    }

    @Override
    public String toString() {
        return command + "\nstdout:\n" + stdout + "\nstderr:\n" + stderr;
    }

    private static Thread pump(InputStream in, ByteArrayOutputStream sink) {
        Thread thread = new Thread(() -> {
            try {
                in.transferTo(sink);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, "client-output");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }
}
