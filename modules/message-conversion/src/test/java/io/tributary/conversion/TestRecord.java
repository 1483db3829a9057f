package io.tributary.conversion;

import io.tributary.spi.storage.Header;
import java.util.List;

record TestRecord(long timestamp, byte[] key, byte[] value, List<Header> headers) {
}
