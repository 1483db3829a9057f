package io.tributary.spi.storage;

/**
 * Identity of an idempotent producer's batch: duplicates are recognised by producer id, epoch and
 * sequence of the batch's first record.
 */
public record ProducerInfo(long producerId, short epoch, int baseSequence) {

    public static final ProducerInfo NONE = new ProducerInfo(-1L, (short) -1, -1);

    public boolean idempotent() {
        return producerId >= 0;
    }
}
