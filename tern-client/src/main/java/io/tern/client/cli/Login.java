package io.tern.client.cli;

import io.tern.client.ClientConfig;
import io.tern.client.TernClient;
import io.tern.client.TernClientException;
import java.util.Locale;
import java.util.concurrent.CompletionException;

/**
 * The login dialogue: asks for the password without echo, logs in, and when the server refuses offers to
 * register the name. The server answers LOGIN_FAILED both for a wrong password and for an unknown user (so
 * that nobody can probe which names exist); registering tells the two apart, as USERNAME_TAKEN means the
 * password was wrong.
 */
final class Login {
    static final int ATTEMPTS = 3;

    private final ConsoleOptions options;
    private final String username;
    private final Screen screen;
    private final Printer printer;

    Login(ConsoleOptions options, String username, Screen screen, Printer printer) {
        this.options = options;
        this.username = username;
        this.screen = screen;
        this.printer = printer;
    }

    /**
     * A connected client, or null if the login failed for good. While the server cannot be reached this
     * keeps trying (the printer says so), as the SDK does; Ctrl-C ends it.
     */
    TernClient connect() {
        String password = screen.askSecret("password for " + username + ": ");
        for (int attempt = 1; ; attempt++) {
            TernClient client = client(password);
            try {
                client.connect().join();
                return client;
            } catch (CompletionException e) {
                client.close();
                if (!isError(e.getCause(), "LOGIN_FAILED")) {
                    screen.error("cannot log in: " + Failures.describe(e.getCause()));
                    return null;
                }
            }
            String answer = screen.ask("login failed: wrong password, or no user " + username + ". register "
                    + username + "? [y/N] ");
            if (answer.toLowerCase(Locale.ROOT).startsWith("y")) {
                TernClient registered = register(password);
                if (registered != null) {
                    return registered;
                }
            }
            if (attempt == ATTEMPTS) {
                screen.error("giving up after " + ATTEMPTS + " attempts");
                return null;
            }
            password = screen.askSecret("password for " + username + ": ");
        }
    }

    private TernClient register(String password) {
        if (!screen.askSecret("repeat the password: ").equals(password)) {
            screen.error("the passwords differ");
            return null;
        }
        TernClient client = client(password);
        try {
            long userId = registerWithInviteIfAsked(client);
            screen.notice("registered " + username + " (id " + userId + ")");
            client.connect().join();
            return client;
        } catch (CompletionException e) {
            client.close();
            if (isError(e.getCause(), "USERNAME_TAKEN")) {
                screen.error(username + " exists already, so the password was wrong");
            } else {
                screen.error("cannot register: " + Failures.describe(e.getCause()));
            }
            return null;
        }
    }

    /** Registers; a server that wants an invite code says so, and the code is asked for once. */
    private long registerWithInviteIfAsked(TernClient client) {
        try {
            return client.register().join();
        } catch (CompletionException e) {
            if (!isError(e.getCause(), "INVITE_INVALID")) {
                throw e;
            }
        }
        String invite = screen.ask("this server needs an invite code to register: ").trim();
        return client.register(invite).join();
    }

    private TernClient client(String password) {
        return TernClient.create(ClientConfig.builder(options.server(), username, password)
                .deviceId(options.deviceId())
                .messageListener(printer)
                .connectionListener(printer)
                .activityListener(printer)
                .errorListener(printer::error)
                .build());
    }

    private static boolean isError(Throwable failure, String error) {
        return failure instanceof TernClientException e && error.equals(e.error());
    }
}
