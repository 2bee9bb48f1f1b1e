package io.tern.protocol;

/**
 * USER_LOGIN (10), client to server: log a connection in by frame when no token came with the
 * handshake. The token also names the device: it was issued for one deviceId at HTTP login.
 */
public record Login(String token) implements Frame {
    public Login {
        Frames.requiredText(token, "token", 512);
    }

    @Override
    public int type() {
        return FrameType.USER_LOGIN;
    }
}
