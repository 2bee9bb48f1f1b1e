package io.tern.client;

import io.tern.protocol.ErrorCode;
import java.util.Optional;

/**
 * A request was refused by the server (an ERROR frame or an HTTP error), or the client could not carry it
 * out (closed, not connected, kicked). {@link #error()} is the server's error name, such as
 * {@code USERNAME_TAKEN}, or one of the client's own: {@code CLOSED}, {@code NOT_CONNECTED}, {@code KICKED}.
 */
public final class TernClientException extends RuntimeException {
    private final int code;
    private final String error;
    private final int httpStatus;

    TernClientException(int code, String error, String message, int httpStatus) {
        super(error + (message == null || message.isEmpty() ? "" : ": " + message));
        this.code = code;
        this.error = error;
        this.httpStatus = httpStatus;
    }

    static TernClientException of(ErrorCode code, String message, int httpStatus) {
        return new TernClientException(code.code(), code.name(), message, httpStatus);
    }

    /** For failures the client itself decides on; they have no number. */
    static TernClientException local(String error, String message) {
        return new TernClientException(0, error, message, 0);
    }

    /** The number of the server's {@link ErrorCode}; 0 for the client's own errors. */
    public int code() {
        return code;
    }

    public String error() {
        return error;
    }

    /** The HTTP status for errors of the HTTP API; 0 for errors that came over the WebSocket. */
    public int httpStatus() {
        return httpStatus;
    }

    /** The server's error code, if the error came from the server and this SDK knows the name. */
    public Optional<ErrorCode> errorCode() {
        for (ErrorCode c : ErrorCode.values()) {
            if (c.name().equals(error)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }
}
