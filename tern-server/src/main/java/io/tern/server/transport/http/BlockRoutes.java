package io.tern.server.transport.http;

import io.tern.server.core.people.Blocks;
import java.util.List;
import java.util.Map;

/** The caller's block list: {@code GET /api/blocks}, {@code PUT} and {@code DELETE /api/blocks/{userId}}. */
public final class BlockRoutes {
    private final Blocks blocks;
    private final io.tern.server.core.account.AccountsManager accounts;

    public BlockRoutes(Blocks blocks, io.tern.server.core.account.AccountsManager accounts) {
        this.blocks = blocks;
        this.accounts = accounts;
    }

    public List<ApiRoute> routes() {
        return List.of(
                ApiRoute.authenticated("GET", "/api/blocks", request -> {
                    List<Long> ids = blocks.blockedBy(request.principal().userId());
                    return ApiResponse.ok(Map.of("userIds", ids, "users", UserNames.of(accounts, ids)));
                }),
                ApiRoute.authenticated("PUT", "/api/blocks/{userId}", request -> {
                    blocks.block(request.principal().userId(), request.pathId("userId"));
                    return ApiResponse.ok(Map.of("ok", true));
                }),
                ApiRoute.authenticated("DELETE", "/api/blocks/{userId}", request -> {
                    blocks.unblock(request.principal().userId(), request.pathId("userId"));
                    return ApiResponse.ok(Map.of("ok", true));
                }));
    }
}
