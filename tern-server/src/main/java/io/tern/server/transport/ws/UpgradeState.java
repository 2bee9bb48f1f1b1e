package io.tern.server.transport.ws;

import io.netty.util.AttributeKey;

/** Marks a channel whose WebSocket handshake completed. */
final class UpgradeState {
    static final AttributeKey<Boolean> UPGRADED = AttributeKey.valueOf("tern.upgraded");

    private UpgradeState() {
    }
}
