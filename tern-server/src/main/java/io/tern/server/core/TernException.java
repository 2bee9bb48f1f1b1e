package io.tern.server.core;

import io.tern.protocol.ErrorCode;

/** A request failed for a reason the client is told about, with one of the documented error codes. */
public class TernException extends RuntimeException {
    private final ErrorCode code;

    public TernException(ErrorCode code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    public TernException(ErrorCode code, String message, Throwable cause) {
        super(message, cause, false, false);
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }
}
