package io.tern.server.transport.ws;

import io.tern.protocol.ErrorCode;
import io.tern.protocol.ErrorFrame;
import io.tern.server.core.TernException;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Turns a failure into the ERROR frame the client gets. Unexpected failures are logged, not shown. */
final class Errors {
    private static final Logger log = LoggerFactory.getLogger(Errors.class);

    private Errors() {
    }

    static ErrorFrame toFrame(Throwable failure, String clientMsgId, int refType) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        if (cause instanceof TernException te) {
            return ErrorFrame.of(te.code(), te.getMessage(), clientMsgId, refType);
        }
        log.warn("frame type {} failed", refType, cause);
        return ErrorFrame.of(ErrorCode.INTERNAL, "internal error", clientMsgId, refType);
    }
}
