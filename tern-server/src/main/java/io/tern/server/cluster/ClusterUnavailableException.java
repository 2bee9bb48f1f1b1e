package io.tern.server.cluster;

import io.tern.protocol.ErrorCode;
import io.tern.server.core.TernException;

/** Redis could not answer a question only it can answer (the live nodes); the caller may retry. */
final class ClusterUnavailableException extends TernException {
    ClusterUnavailableException(String message, Throwable cause) {
        super(ErrorCode.UNAVAILABLE, message, cause);
    }
}
