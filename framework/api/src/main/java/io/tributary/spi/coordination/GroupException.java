package io.tributary.spi.coordination;

/** A group operation failed as a whole with {@link #error()}. */
public class GroupException extends RuntimeException {

    private final GroupError error;

    public GroupException(GroupError error, String message) {
        super(message);
        this.error = error;
    }

    public GroupError error() {
        return error;
    }
}
