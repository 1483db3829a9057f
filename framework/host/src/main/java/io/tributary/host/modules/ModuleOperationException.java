package io.tributary.host.modules;

/** A module operation that cannot be done as asked; {@link #status()} is the HTTP status that says why. */
public final class ModuleOperationException extends RuntimeException {

    private final int status;

    public ModuleOperationException(int status, String message) {
        super(message);
        this.status = status;
    }

    public static ModuleOperationException notFound(String name) {
        return new ModuleOperationException(404, "no module named '" + name + "'");
    }

    public static ModuleOperationException conflict(String message) {
        return new ModuleOperationException(409, message);
    }

    public static ModuleOperationException badRequest(String message) {
        return new ModuleOperationException(400, message);
    }

    public int status() {
        return status;
    }
}
