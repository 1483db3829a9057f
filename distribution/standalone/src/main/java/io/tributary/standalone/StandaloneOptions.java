package io.tributary.standalone;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** The options of {@code tributary standalone}. */
record StandaloneOptions(Path dataDir, int kafkaPort, int pulsarPort, int webPort, int adminPort,
                         Path modulesDir, Optional<Path> configFile, boolean journalSync) {

    static final String USAGE = "usage: tributary standalone [--data-dir DIR] [--kafka-port N] [--pulsar-port N]"
            + " [--web-port N] [--admin-port N] [--modules-dir DIR] [--config FILE] [--no-journal-sync]";

    static StandaloneOptions parse(String[] args, Path home) throws UsageException {
        Path dataDir = Path.of("data");
        int kafkaPort = 9092;
        int pulsarPort = 6650;
        int webPort = 8080;
        int adminPort = 8081;
        Path modulesDir = home.resolve("modules");
        Optional<Path> configFile = Optional.empty();
        boolean journalSync = true;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--data-dir" -> dataDir = Path.of(value(args, ++i, arg));
                case "--kafka-port" -> kafkaPort = port(value(args, ++i, arg), arg);
                case "--pulsar-port" -> pulsarPort = port(value(args, ++i, arg), arg);
                case "--web-port" -> webPort = port(value(args, ++i, arg), arg);
                case "--admin-port" -> adminPort = port(value(args, ++i, arg), arg);
                case "--modules-dir" -> modulesDir = Path.of(value(args, ++i, arg));
                case "--config" -> configFile = Optional.of(existingFile(value(args, ++i, arg), arg));
                case "--no-journal-sync" -> journalSync = false;
                case "-h", "--help" -> throw new UsageException(USAGE);
                default -> throw new UsageException("unknown option '" + arg + "'\n" + USAGE);
            }
        }
        return new StandaloneOptions(dataDir.toAbsolutePath(), kafkaPort, pulsarPort, webPort, adminPort,
                modulesDir.toAbsolutePath(), configFile, journalSync);
    }

    private static String value(String[] args, int index, String option) throws UsageException {
        if (index >= args.length || args[index].startsWith("--")) {
            throw new UsageException(option + " needs a value");
        }
        return args[index];
    }

    private static int port(String value, String option) throws UsageException {
        try {
            int port = Integer.parseInt(value);
            if (port >= 1 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new UsageException(option + " must be a port number from 1 to 65535, not '" + value + "'");
    }

    private static Path existingFile(String value, String option) throws UsageException {
        Path path = Path.of(value);
        if (!Files.isRegularFile(path)) {
            throw new UsageException(option + ": no such file: " + value);
        }
        return path;
    }
}
