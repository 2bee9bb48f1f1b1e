package io.tern.server.transport.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.tern.protocol.ErrorCode;
import io.tern.server.config.TernConfig;
import io.tern.server.core.TernException;
import io.tern.server.core.admin.Invites;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Puts {@code auth.registration} in front of {@code POST /api/register}: OPEN lets it through, CLOSED refuses
 * (REGISTRATION_CLOSED), INVITE needs an unused invite code in the body's {@code invite} field, claimed
 * before the account is made and bound to it after. Wraps the route rather than the account code, which
 * admins also use to create accounts whatever the mode.
 */
public final class RegistrationGate {
    private final TernConfig.Registration mode;
    private final Invites invites;

    public RegistrationGate(TernConfig.Registration mode, Invites invites) {
        this.mode = mode;
        this.invites = invites;
    }

    public List<ApiRoute> guard(List<ApiRoute> routes) {
        return routes.stream().map(r -> r.method().equals("POST") && r.template().equals("/api/register")
                ? new ApiRoute(r.method(), r.template(), r.authenticated(), request -> admit(r, request)) : r).toList();
    }

    private CompletableFuture<ApiResponse> admit(ApiRoute register, ApiRequest request) {
        switch (mode) {
            case OPEN:
                return register.handler().handle(request);
            case CLOSED:
                throw new TernException(ErrorCode.REGISTRATION_CLOSED,
                        "registration is closed on this server: ask an administrator for an account");
            default:
                break;
        }
        JsonNode body = request.json();
        String claimed = invites.claim(ApiRequest.text(body, "invite"));
        CompletableFuture<ApiResponse> answer;
        try {
            answer = register.handler().handle(request);
        } catch (RuntimeException e) {
            invites.release(claimed);
            throw e;
        }
        return answer.whenComplete((response, error) -> {
            JsonNode userId = response == null ? null
                    : io.tern.protocol.FrameCodec.mapper().valueToTree(response.body()).get("userId");
            if (error != null || userId == null) {
                invites.release(claimed);
            } else {
                invites.bind(claimed, userId.asLong());
            }
        });
    }
}
