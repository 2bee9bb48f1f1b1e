package io.tern.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * ERROR (99), server to client: a frame could not be processed. {@code code} is the number of an
 * {@link ErrorCode}, {@code error} its name; {@code clientMsgId}, {@code reqId} and {@code refType} echo the
 * frame that failed where they could be read from it. The connection stays open unless a KICK follows.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ErrorFrame(int code, String error, String message, String clientMsgId, Integer refType, String reqId)
        implements Frame {
    public ErrorFrame(int code, String error, String message, String clientMsgId, Integer refType) {
        this(code, error, message, clientMsgId, refType, null);
    }

    public static ErrorFrame of(ErrorCode code, String message, String clientMsgId, Integer refType) {
        return new ErrorFrame(code.code(), code.name(), message, clientMsgId, refType, null);
    }

    public ErrorFrame withReqId(String id) {
        return new ErrorFrame(code, error, message, clientMsgId, refType, id);
    }

    @Override
    public int type() {
        return FrameType.ERROR;
    }
}
