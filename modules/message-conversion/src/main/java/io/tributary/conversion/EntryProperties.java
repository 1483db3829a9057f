package io.tributary.conversion;

/**
 * Names of the entry-level properties Tributary writes into {@code MessageMetadata}. Entries are
 * always written as batches, so Pulsar consumers never see these: a batched message's properties come
 * from its {@code SingleMessageMetadata}.
 */
public final class EntryProperties {

    /** Names the raw format of a pass-through entry, e.g. {@code kafka-v2}. */
    public static final String FORMAT = "tributary.format";
    /** Idempotent producer id of the batch. */
    public static final String PRODUCER_ID = "tributary.pid";
    /** Idempotent producer epoch of the batch. */
    public static final String PRODUCER_EPOCH = "tributary.epoch";
    /** Sequence number of the batch's first record. */
    public static final String BASE_SEQUENCE = "tributary.seq";
    /**
     * Per-record property listing how each preceding header value is encoded: {@code s} UTF-8 text,
     * {@code b} base64 of bytes that are not UTF-8, {@code n} null. Absent when every value is text.
     */
    public static final String HEADER_ENCODING = "tributary.hdr";

    private EntryProperties() {
    }
}
