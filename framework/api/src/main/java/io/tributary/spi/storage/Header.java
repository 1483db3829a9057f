package io.tributary.spi.storage;

/** A record header: a string key and an opaque value (null allowed). */
public record Header(String key, byte[] value) {
}
