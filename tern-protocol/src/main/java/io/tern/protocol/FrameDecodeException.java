package io.tern.protocol;

/** A frame could not be decoded; carries what the error frame needs to say about it. */
public final class FrameDecodeException extends Exception {
    private final ErrorCode code;
    private final String clientMsgId;
    private final Integer refType;

    public FrameDecodeException(ErrorCode code, String message, String clientMsgId, Integer refType) {
        super(message, null, false, false);
        this.code = code;
        this.clientMsgId = clientMsgId;
        this.refType = refType;
    }

    public ErrorCode code() {
        return code;
    }

    public String clientMsgId() {
        return clientMsgId;
    }

    public Integer refType() {
        return refType;
    }

    public ErrorFrame toErrorFrame() {
        return ErrorFrame.of(code, getMessage(), clientMsgId, refType);
    }
}
