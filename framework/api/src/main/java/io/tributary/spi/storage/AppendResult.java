package io.tributary.spi.storage;

/**
 * Where an appended batch landed.
 *
 * @param baseOffset    offset of the batch's first record
 * @param logAppendTime broker time of the append, in milliseconds
 * @param logStartOffset the log start after the append
 * @param duplicate     true when the batch had been appended before and was not written again
 */
public record AppendResult(long baseOffset, long logAppendTime, long logStartOffset, boolean duplicate) {
}
