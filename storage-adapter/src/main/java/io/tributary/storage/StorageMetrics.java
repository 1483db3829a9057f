package io.tributary.storage;

import io.tributary.storage.internal.ReadAheadBudget;
import io.tributary.storage.internal.RecentBatchBudget;
import java.util.function.IntSupplier;
import org.apache.pulsar.broker.stats.prometheus.PrometheusRawMetricsProvider;
import org.apache.pulsar.common.util.SimpleTextOutputStream;

/**
 * The storage's memory budgets and partition logs, written on the broker's Prometheus endpoint
 * ({@code /metrics} on its web port) next to Pulsar's own metrics.
 */
final class StorageMetrics implements PrometheusRawMetricsProvider {

    private final String cluster;
    private final RecentBatchBudget recentBatches;
    private final ReadAheadBudget readAhead;
    private final IntSupplier partitionLogs;

    StorageMetrics(String cluster, RecentBatchBudget recentBatches, ReadAheadBudget readAhead,
                   IntSupplier partitionLogs) {
        this.cluster = cluster;
        this.recentBatches = recentBatches;
        this.readAhead = readAhead;
        this.partitionLogs = partitionLogs;
    }

    @Override
    public void generate(SimpleTextOutputStream out) {
        write(out, "gauge", "tributary_storage_partition_logs",
                "Partition logs loaded or loading on this broker", partitionLogs.getAsInt());
        write(out, "gauge", "tributary_storage_recent_batches_bytes",
                "Bytes of recently appended batches kept in memory to serve reads", recentBatches.usedBytes());
        write(out, "gauge", "tributary_storage_recent_batches_limit_bytes",
                "Most bytes kept in recent batches (tributary.recentBatchesMb)", recentBatches.maxBytes());
        write(out, "gauge", "tributary_storage_read_ahead_bytes",
                "Bytes read from storage ahead of readers, or being read", readAhead.heldBytes());
        write(out, "gauge", "tributary_storage_read_ahead_limit_bytes",
                "Most bytes held by reads ahead (tributary.readAheadMb)", readAhead.maxBytes());
        write(out, "counter", "tributary_storage_read_ahead_refused_total",
                "Times a read ahead did not start because the read-ahead memory was full", readAhead.refusedReads());
    }

    private void write(SimpleTextOutputStream out, String type, String name, String help, long value) {
        out.write("# HELP ").write(name).write(' ').write(help).write('\n');
        out.write("# TYPE ").write(name).write(' ').write(type).write('\n');
        out.write(name).write("{cluster=\"").writeEncoded(cluster).write("\"} ").write(value).write('\n');
    }
}
