package io.tern.server.transport.ws.handlers;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.tern.protocol.ErrorCode;
import io.tern.protocol.ErrorFrame;
import io.tern.protocol.FrameType;
import io.tern.protocol.Login;
import io.tern.protocol.LoginResp;
import io.tern.server.core.TernException;
import io.tern.server.core.account.AccountsManager;
import io.tern.server.core.session.DeviceSession;
import io.tern.server.transport.ws.FrameHandler;
import io.tern.server.transport.ws.SessionOpener;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/** USER_LOGIN (10): logs the connection in with a token; a bad token gets INVALID_TOKEN and the connection closes. */
public final class LoginHandler implements FrameHandler<Login> {
    private final AccountsManager accounts;
    private final SessionOpener opener;
    private final Executor blocking;

    public LoginHandler(AccountsManager accounts, SessionOpener opener, Executor blocking) {
        this.accounts = accounts;
        this.opener = opener;
        this.blocking = blocking;
    }

    @Override
    public Class<Login> frameType() {
        return Login.class;
    }

    @Override
    public boolean requiresLogin() {
        return false;
    }

    @Override
    public void handle(ChannelHandlerContext ctx, DeviceSession session, Login frame) {
        if (session != null) {
            ctx.writeAndFlush(ErrorFrame.of(ErrorCode.INVALID_FIELD, "already logged in", null, FrameType.USER_LOGIN),
                    ctx.voidPromise());
            return;
        }
        CompletableFuture.supplyAsync(() -> accounts.authenticate(frame.token()), blocking)
                .whenComplete((principal, err) -> ctx.executor().execute(() -> {
                    if (err != null) {
                        Throwable cause = err.getCause() != null ? err.getCause() : err;
                        ErrorCode code = cause instanceof TernException te ? te.code() : ErrorCode.INTERNAL;
                        String why = code == ErrorCode.INVALID_TOKEN ? "token is invalid, expired or revoked"
                                : "cannot check the token now, retry later";
                        ctx.writeAndFlush(ErrorFrame.of(code, "login failed: " + why, null, FrameType.USER_LOGIN))
                                .addListener(ChannelFutureListener.CLOSE);
                    } else if (ctx.channel().isActive()) {
                        DeviceSession opened = opener.open(ctx.channel(), principal);
                        java.util.concurrent.CompletableFuture<TernException> refusal =
                                opened == null ? null : opened.refusal();
                        if (refusal != null && refusal.isDone()) { // decided already (Redis may be that quick)
                            if (refusal.join() == null) {
                                ctx.writeAndFlush(new LoginResp(principal.userId(), principal.deviceId()),
                                        ctx.voidPromise());
                            }
                        } else if (refusal != null) { // answered once the cluster admitted the device
                            refusal.thenAccept(refused -> ctx.executor().execute(() -> {
                                if (refused == null) {
                                    ctx.writeAndFlush(new LoginResp(principal.userId(), principal.deviceId()),
                                            ctx.voidPromise());
                                }
                            }));
                        }
                    }
                }));
    }
}
