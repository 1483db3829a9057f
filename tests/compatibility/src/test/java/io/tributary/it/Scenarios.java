package io.tributary.it;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertTrue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** The checks every client's scenarios share. */
final class Scenarios {

    /** Topics in the produce scenario have this many partitions; the client picks them. */
    static final int PRODUCE_PARTITIONS = 2;
    static final int PRODUCE_COUNT = 10;
    /** Consume and group scenarios: records per partition and partitions, written by the reference client. */
    static final int PER_PARTITION = 6;
    static final int PARTITIONS = 2;
    /** Records the first group member handles and commits before it leaves. */
    static final int FIRST_MEMBER = 5;

    private Scenarios() {
    }

    /**
     * The client reported {@code produced PARTITION OFFSET KEY} for keys k0..k(n-1) with values v0..v(n-1); the
     * reference client finds exactly those records at those offsets, and the offsets are dense per partition.
     */
    static void checkProduced(List<String> producedLines, List<Rec> stored, int count) {
        List<Rec> reported = new ArrayList<>();
        for (String line : producedLines) {
            String[] f = line.split(" ");
            reported.add(new Rec(Integer.parseInt(f[1]), Long.parseLong(f[2]), f[3], "v" + f[3].substring(1)));
        }
        assertEquals(reported.size(), count, "delivery reports: " + producedLines);
        assertEquals(sorted(stored), sorted(reported), "what the broker stored vs what the client reported");
        Map<Integer, List<Long>> byPartition = new TreeMap<>();
        stored.forEach(r -> byPartition.computeIfAbsent(r.partition(), p -> new ArrayList<>()).add(r.offset()));
        byPartition.forEach((p, offsets) -> assertEquals(offsets, Reference.range(0, offsets.size()),
                "dense offsets from 0 on partition " + p));
    }

    /**
     * For clients that print no delivery reports: the broker stored exactly k0..k(n-1) with values
     * v0..v(n-1), at dense offsets.
     */
    static void checkStoredWithoutReports(List<Rec> stored, int count) {
        List<String> asReported = stored.stream()
                .map(r -> "produced " + r.partition() + " " + r.offset() + " " + r.key()).toList();
        checkProduced(asReported, stored, count);
        assertEquals(stored.stream().map(Rec::key).sorted().toList(),
                java.util.stream.IntStream.range(0, count).mapToObj(i -> "k" + i).sorted().toList());
    }

    /** The client read exactly what was written, each partition in offset order. */
    static void checkConsumed(List<Rec> written, List<Rec> read) {
        assertEquals(sorted(read), sorted(written));
        for (int p : partitions(written)) {
            List<Long> offsets = read.stream().filter(r -> r.partition() == p).map(Rec::offset).toList();
            assertEquals(offsets, offsets.stream().sorted().toList(), "partition " + p + " in offset order");
        }
    }

    /**
     * The first member handled {@code first} records and committed them ({@code committed}: next offset per
     * partition, as the broker reports it); the second member of the same group resumed at the committed offsets:
     * it read nothing below them, nothing twice, and between them the two read every record.
     */
    static void checkResumed(List<Rec> written, List<Rec> first, Map<Integer, Long> committed, List<Rec> second) {
        assertEquals(first.size(), FIRST_MEMBER, "records the first member handled: " + first);
        Map<Integer, Long> expectedCommit = new TreeMap<>();
        first.forEach(r -> expectedCommit.merge(r.partition(), r.offset() + 1, Math::max));
        System.out.println("committed after the first member " + first + ": " + committed);
        // A client may also commit offset 0 for an assigned partition it read nothing from (auto-commit does).
        Map<Integer, Long> nonZero = new TreeMap<>(committed);
        nonZero.values().removeIf(offset -> offset == 0);
        assertEquals(nonZero.toString(), expectedCommit.toString(),
                "committed offsets (" + committed + ") after the first member: " + first);
        for (Rec r : second) {
            assertTrue(r.offset() >= committed.getOrDefault(r.partition(), 0L),
                    "the second member re-read " + r + " below the committed offset " + committed);
        }
        assertEquals(new HashSet<>(second).size(), second.size(), "the second member read a record twice: " + second);
        List<Rec> all = new ArrayList<>(first);
        all.addAll(second);
        Set<Rec> missing = new HashSet<>(written);
        all.forEach(missing::remove);
        assertTrue(missing.isEmpty(), "never read: " + sorted(new ArrayList<>(missing)));
        assertEquals(sorted(all), sorted(written));
    }

    static List<Rec> sorted(List<Rec> records) {
        return records.stream().sorted(Comparator.comparingInt(Rec::partition).thenComparingLong(Rec::offset)
                .thenComparing(Rec::key)).toList();
    }

    private static Set<Integer> partitions(List<Rec> records) {
        Set<Integer> partitions = new HashSet<>();
        records.forEach(r -> partitions.add(r.partition()));
        return partitions;
    }
}
