package io.tern.server.core;

import io.tern.protocol.ErrorCode;

/** A request failed for a reason the client is told about, with one of the documented error codes. */
public class TernException extends RuntimeException {
    private final ErrorCode code;
    private final long retryAfterMillis;

    public TernException(ErrorCode code, String message) {
        this(code, message, null, 0);
    }

    public TernException(ErrorCode code, String message, Throwable cause) {
        this(code, message, cause, 0);
    }

    private TernException(ErrorCode code, String message, Throwable cause, long retryAfterMillis) {
        super(message, cause, false, false);
        this.code = code;
        this.retryAfterMillis = retryAfterMillis;
    }

    /** RATE_LIMITED, telling when to try again. */
    public static TernException rateLimited(String what, long retryAfterMillis) {
        return new TernException(ErrorCode.RATE_LIMITED, what + "; retry after " + retryAfterMillis + " ms", null,
                retryAfterMillis);
    }

    /** For RATE_LIMITED: how long the client should wait, in milliseconds; 0 otherwise. */
    public long retryAfterMillis() {
        return retryAfterMillis;
    }

    public ErrorCode code() {
        return code;
    }
}
