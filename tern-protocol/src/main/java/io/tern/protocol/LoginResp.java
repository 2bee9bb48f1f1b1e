package io.tern.protocol;

/** USER_LOGIN_RESP (11), server to client: the connection is logged in as this user and device. */
public record LoginResp(long userId, String deviceId) implements Frame {
    @Override
    public int type() {
        return FrameType.USER_LOGIN_RESP;
    }
}
