package io.tern.server.transport;

import io.netty.util.AttributeKey;
import io.tern.server.core.account.Principal;
import io.tern.server.core.session.DeviceSession;

/** Per-connection state attached to the channel. */
public final class ChannelAttrs {
    /** Who the handshake token stood for; absent when the client logs in by frame. */
    public static final AttributeKey<Principal> PRINCIPAL = AttributeKey.valueOf("tern.principal");
    /** The logged-in session; absent until login. */
    public static final AttributeKey<DeviceSession> SESSION = AttributeKey.valueOf("tern.session");

    private ChannelAttrs() {
    }
}
