package io.tern.server.admin;

import io.tern.server.config.ConfigKeys;
import io.tern.server.config.ConfigLoader;
import io.tern.server.config.TernConfig;
import java.net.URI;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * Where an operator command acts: a running server ({@code --url}, {@code --token}), or the store of a stopped
 * one, configured as the server is ({@code --data-dir}, {@code --config}, {@code --set}, TERN_ variables).
 */
final class TargetOptions {
    @Option(names = "--url", description = "a running server, e.g. http://127.0.0.1:8080 (needs an admin token)")
    URI url;

    @Option(names = "--token", defaultValue = "${env:TERN_ADMIN_TOKEN}",
            description = "an admin's login token (default: environment TERN_ADMIN_TOKEN)")
    String token;

    @Option(names = "--data-dir", description = "the data directory of a STOPPED server")
    Path dataDir;

    @Option(names = "--config", description = "the server's properties file (for the store settings)")
    Path config;

    @Option(names = "--set", description = "override one configuration key, as for the server: --set store.kind=POSTGRES")
    Map<String, String> overrides = new HashMap<>();

    boolean remote() {
        return url != null;
    }

    /** The store configuration of the stopped server: file, environment, then {@code --data-dir}. */
    TernConfig localConfig() {
        Map<String, String> all = new HashMap<>(overrides);
        if (dataDir != null) {
            all.put(ConfigKeys.DATA_DIR.name(), dataDir.toString());
        }
        return ConfigLoader.load(config, System.getenv(), all);
    }

    RemoteAdmin remoteAdmin() {
        if (token == null || token.isBlank()) {
            throw new OperatorException("--url needs an admin's token: --token, or TERN_ADMIN_TOKEN");
        }
        return new RemoteAdmin(url, token);
    }
}
