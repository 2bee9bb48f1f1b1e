package io.tern.server.admin;

/** A command that cannot do what was asked: the line to print, and the exit status. */
final class OperatorException extends RuntimeException {
    private final int status;

    OperatorException(String message) {
        this(message, 1);
    }

    OperatorException(String message, int status) {
        super(message, null, false, false);
        this.status = status;
    }

    int status() {
        return status;
    }
}
