package io.tributary.it;

/** One record as a client printed it: {@code record PARTITION OFFSET KEY VALUE}. */
record Rec(int partition, long offset, String key, String value) {

    static Rec parse(String line) {
        String[] f = line.split(" ", 5);
        if (f.length != 5 || !f[0].equals("record")) {
            throw new IllegalArgumentException("not a record line: " + line);
        }
        return new Rec(Integer.parseInt(f[1]), Long.parseLong(f[2]), f[3], f[4]);
    }

    @Override
    public String toString() {
        return partition + "/" + offset + " " + key + "=" + value;
    }
}
