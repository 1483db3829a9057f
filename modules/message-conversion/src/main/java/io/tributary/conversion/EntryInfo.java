package io.tributary.conversion;

import io.tributary.spi.storage.EntryFormat;
import io.tributary.spi.storage.ProducerInfo;

/**
 * What an entry's headers say, without decoding its records.
 *
 * @param lastOffset      {@code BrokerEntryMetadata.index}: offset of the entry's last record, -1 when absent
 * @param brokerTimestamp {@code BrokerEntryMetadata.broker_timestamp}, -1 when absent
 * @param recordCount     messages in the entry (1 for an unbatched message)
 * @param format          how the records are laid out
 * @param rawFormat       the raw format name of a pass-through entry, else null
 * @param producer        the idempotent producer that wrote it, or {@link ProducerInfo#NONE}
 * @param publishTimeMs   {@code MessageMetadata.publish_time}
 */
public record EntryInfo(long lastOffset, long brokerTimestamp, int recordCount, EntryFormat format,
                        String rawFormat, ProducerInfo producer, long publishTimeMs) {

    public boolean hasOffset() {
        return lastOffset >= 0;
    }

    public long baseOffset() {
        return lastOffset - recordCount + 1;
    }
}
