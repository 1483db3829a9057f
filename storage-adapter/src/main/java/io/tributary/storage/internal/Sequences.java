package io.tributary.storage.internal;

/** Producer sequence arithmetic; sequences wrap from {@link Integer#MAX_VALUE} to 0. */
final class Sequences {

    private Sequences() {
    }

    static int add(int sequence, int increment) {
        if (sequence > Integer.MAX_VALUE - increment) {
            return increment - (Integer.MAX_VALUE - sequence) - 1;
        }
        return sequence + increment;
    }

    static int last(int baseSequence, int recordCount) {
        return add(baseSequence, recordCount - 1);
    }
}
