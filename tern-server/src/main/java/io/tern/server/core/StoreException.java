package io.tern.server.core;

import io.tern.protocol.ErrorCode;

/** The store could not complete an operation (down, locked, disk full). Nothing of it was committed. */
public final class StoreException extends TernException {
    public StoreException(String message, Throwable cause) {
        super(ErrorCode.STORE_UNAVAILABLE, message, cause);
    }
}
