package io.tern.server.core.admin;

import io.tern.protocol.ErrorCode;
import io.tern.server.core.TernException;
import io.tern.server.core.account.Tokens;
import java.time.Clock;
import java.time.Duration;

/**
 * Single-use invite codes for {@code auth.registration=INVITE}. Only a hash is stored, as for tokens. A code
 * is claimed before the account is created and given back if that fails, so two registrations racing with
 * one code cannot both succeed.
 */
public final class Invites {
    private final InviteStore store;
    private final Tokens tokens;
    private final Clock clock;

    public Invites(InviteStore store, Tokens tokens, Clock clock) {
        this.store = store;
        this.tokens = tokens;
        this.clock = clock;
    }

    /** A new code valid for {@code ttl}; the only time the code itself is seen. */
    public String create(String actor, Duration ttl) {
        String code = tokens.newToken();
        long now = clock.millis();
        store.create(Tokens.hash(code), actor, now, now + ttl.toMillis());
        return code;
    }

    /** INVITE_INVALID unless the code is unused and unexpired; it is then taken until bound or released. */
    public String claim(String code) {
        if (code == null || code.isEmpty() || code.length() > 512 || !store.claim(Tokens.hash(code), clock.millis())) {
            throw new TernException(ErrorCode.INVITE_INVALID, "registration needs a valid invite code (field invite): "
                    + "this one is missing, unknown, used or expired");
        }
        return Tokens.hash(code);
    }

    public void release(String claimed) {
        store.release(claimed);
    }

    public void bind(String claimed, long userId) {
        store.bind(claimed, userId);
    }
}
