package io.tern.server.core.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.tern.protocol.ErrorCode;
import io.tern.server.core.TernException;
import io.tern.server.core.account.Principal;
import io.tern.server.core.account.Tokens;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The session's two answers (routed, refusal), made lazily: asked before or after they are known, same result. */
class DeviceSessionTest {
    private final DeviceSession session = new DeviceSession(1, new Principal(7, "phone", Tokens.hash("t")), null, null);

    @Test
    void routed_askedBeforeTheRoute_completesWhenRouted() {
        CompletableFuture<Void> waiting = session.routed();
        assertThat(waiting).isNotDone();
        session.markRouted();
        assertThat(waiting).isCompleted();
        assertThat(session.routed()).isCompleted();
    }

    @Test
    void routed_askedAfterTheRoute_isDoneAtOnce() {
        session.markRouted();
        assertThat(session.routed()).isCompleted();
    }

    @Test
    void refusal_decidedBeforeAsking_isKept_bothStayingAndRefused() {
        session.decide(null);
        assertThat(session.refusal().getNow(new TernException(ErrorCode.INTERNAL, "not decided"))).isNull();

        DeviceSession refused = new DeviceSession(2, new Principal(7, "laptop", Tokens.hash("u")), null, null);
        TernException already = new TernException(ErrorCode.ALREADY_ONLINE, "elsewhere");
        refused.decide(already);
        assertThat(refused.refusal().join()).isSameAs(already);
    }

    @Test
    void refusal_askedBeforeTheDecision_completesWithIt() {
        CompletableFuture<TernException> waiting = session.refusal();
        assertThat(waiting).isNotDone();
        TernException already = new TernException(ErrorCode.ALREADY_ONLINE, "elsewhere");
        session.decide(already);
        assertThat(waiting.join()).isSameAs(already);
    }

    @Test
    void aCallerCompletingItsFuture_cannotDecideForOthers() {
        session.refusal().complete(new TernException(ErrorCode.INTERNAL, "meddling"));
        session.routed().complete(null);
        assertThat(session.refusal()).isNotDone();
        assertThat(session.routed()).isNotDone();
        session.decide(null);
        session.markRouted();
        assertThat(session.refusal().join()).isNull();
        assertThat(session.routed()).isCompleted();
    }
}
