package io.tributary.standalone;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.apache.pulsar.broker.ServiceConfiguration;
import org.apache.pulsar.common.configuration.PulsarConfigurationLoader;

/** Broker properties for an embedded single-node broker, with or without the Tributary host. */
public final class BrokerSettings {

    private static final String ENTRY_INTERCEPTORS =
            "org.apache.pulsar.common.intercept.AppendIndexMetadataInterceptor,"
                    + "org.apache.pulsar.common.intercept.AppendBrokerTimestampMetadataInterceptor";

    private BrokerSettings() {
    }

    /** A single-node broker on loopback: quorum 1, entry index interceptors, no functions worker. */
    public static Properties singleNode(int pulsarPort, int webPort) {
        Properties p = new Properties();
        p.setProperty("clusterName", "standalone");
        p.setProperty("advertisedAddress", "localhost");
        p.setProperty("bindAddress", "0.0.0.0");
        p.setProperty("brokerServicePort", Integer.toString(pulsarPort));
        p.setProperty("webServicePort", Integer.toString(webPort));
        p.setProperty("managedLedgerDefaultEnsembleSize", "1");
        p.setProperty("managedLedgerDefaultWriteQuorum", "1");
        p.setProperty("managedLedgerDefaultAckQuorum", "1");
        p.setProperty("brokerEntryMetadataInterceptors", ENTRY_INTERCEPTORS);
        p.setProperty("exposingBrokerEntryMetadataToClientEnabled", "true");
        p.setProperty("brokerDeleteInactiveTopicsEnabled", "false");
        // Kafka's default retention (7 days, no size bound) for data no subscription holds.
        p.setProperty("defaultRetentionTimeInMinutes", "10080");
        p.setProperty("defaultRetentionSizeInMB", "-1");
        p.setProperty("functionsWorkerEnabled", "false");
        p.setProperty("defaultNumberOfNamespaceBundles", "4");
        p.setProperty("loadBalancerEnabled", "false");
        p.setProperty("webSocketServiceEnabled", "false");
        return p;
    }

    /** Loads the Tributary host NAR from {@code protocolsDir} with the given host properties. */
    public static Properties withTributary(Properties broker, Path protocolsDir, Path modulesDir,
                                           String listeners, int adminPort) {
        Properties p = new Properties();
        p.putAll(broker);
        p.setProperty("messagingProtocols", "tributary");
        p.setProperty("protocolHandlerDirectory", protocolsDir.toAbsolutePath().toString());
        p.setProperty("tributary.modulesDirectory", modulesDir.toAbsolutePath().toString());
        p.setProperty("tributary.listeners", listeners);
        p.setProperty("tributary.adminAddress", "0.0.0.0:" + adminPort);
        return p;
    }

    /** Reads a broker.conf-style properties file. */
    public static Properties load(Path file) throws IOException {
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            p.load(in);
        }
        return p;
    }

    public static ServiceConfiguration toConfiguration(Properties properties) throws IOException {
        try {
            return PulsarConfigurationLoader.create(properties, ServiceConfiguration.class);
        } catch (IllegalArgumentException e) {
            throw new IOException("invalid broker configuration: " + e.getMessage(), e);
        }
    }
}
