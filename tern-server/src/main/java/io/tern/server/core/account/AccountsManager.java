package io.tern.server.core.account;

import io.tern.protocol.ErrorCode;
import io.tern.server.core.TernException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Registration, login, logout and token checks. Blocking (bcrypt, store): callers run it off the I/O
 * threads.
 */
public final class AccountsManager {
    /** A letter first, so no name can be read as a user id ({@code 12345}, {@code 0x1}). */
    private static final Pattern USERNAME = Pattern.compile("[A-Za-z][A-Za-z0-9_.-]{2,31}");
    /** Names registered before the letter-first rule still log in. */
    private static final Pattern LEGACY_USERNAME = Pattern.compile("[A-Za-z0-9_.-]{3,32}");
    private static final Pattern DEVICE_ID = Pattern.compile("[A-Za-z0-9_.:-]{1,64}");
    private static final String LOGIN_FAILED = "unknown username or wrong password";

    private final AccountStore store;
    private final PasswordHasher hasher;
    private final Tokens tokens;
    private final Clock clock;
    private final Duration tokenTtl;
    private final UsernameKeys keys;

    public AccountsManager(AccountStore store, PasswordHasher hasher, Tokens tokens, Clock clock, Duration tokenTtl,
                           UsernameKeys keys) {
        this.store = store;
        this.keys = keys;
        this.hasher = hasher;
        this.tokens = tokens;
        this.clock = clock;
        this.tokenTtl = tokenTtl;
    }

    public Account register(String username, String password) {
        if (username == null || !USERNAME.matcher(username).matches()) {
            throw new TernException(ErrorCode.INVALID_CREDENTIALS_FORMAT,
                    "username must be 3-32 characters of letters, digits, '_', '.' and '-', starting with a letter");
        }
        if (keys.reserved(username)) {
            throw new TernException(ErrorCode.INVALID_CREDENTIALS_FORMAT, "username '" + username + "' is reserved");
        }
        checkPasswordFormat(password);
        long now = clock.millis();
        String hash = hasher.hash(password);
        long id = store.create(username, keys.keyOf(username), hash, now)
                .orElseThrow(() -> new TernException(ErrorCode.USERNAME_TAKEN,
                        "username '" + username + "' is taken, or reads the same as one that is"));
        return new Account(id, username, hash, now);
    }

    public LoginResult login(String username, String password, String deviceId) {
        if (deviceId != null && !DEVICE_ID.matcher(deviceId).matches()) {
            throw new TernException(ErrorCode.INVALID_CREDENTIALS_FORMAT,
                    "deviceId must be 1-64 characters of letters, digits, '_', '.', ':' and '-'");
        }
        if (username == null || password == null) {
            throw new TernException(ErrorCode.INVALID_CREDENTIALS_FORMAT, "username and password are required");
        }
        // every mismatch costs one bcrypt check and gets the same answer, so timing and errors tell nothing
        String candidate = password.length() > 128 ? password.substring(0, 128) : password;
        Optional<Account> account = findByUsername(username);
        if (account.isEmpty()) {
            hasher.verifyDummy(candidate);
            throw new TernException(ErrorCode.LOGIN_FAILED, LOGIN_FAILED);
        }
        if (!hasher.verify(candidate, account.get().passwordHash()) || password.length() > 128) {
            throw new TernException(ErrorCode.LOGIN_FAILED, LOGIN_FAILED);
        }
        if (!store.canLogIn(account.get().id())) { // told only to whoever knows the password
            throw new TernException(ErrorCode.ACCOUNT_DISABLED, "this account is disabled; ask an administrator");
        }
        String token = tokens.newToken();
        String device = deviceId != null ? deviceId : tokens.newDeviceId();
        long expiresAt = clock.millis() + tokenTtl.toMillis();
        store.saveToken(new TokenRecord(Tokens.hash(token), account.get().id(), device, expiresAt, false));
        return new LoginResult(account.get().id(), device, token, expiresAt);
    }

    /** Revokes the token; returns the principal it stood for so its sessions can be closed. */
    public Principal logout(String token) {
        Principal principal = authenticate(token);
        store.revokeToken(principal.tokenHash());
        return principal;
    }

    /** The principal of a valid token; INVALID_TOKEN if it is unknown, expired or revoked. */
    public Principal authenticate(String token) {
        if (token == null || token.isEmpty() || token.length() > 512) {
            throw new TernException(ErrorCode.INVALID_TOKEN, "missing or invalid token");
        }
        String hash = Tokens.hash(token);
        TokenRecord record = store.findToken(hash)
                .filter(t -> !t.revoked() && t.expiresAt() > clock.millis())
                .orElseThrow(() -> new TernException(ErrorCode.INVALID_TOKEN, "token is invalid, expired or revoked"));
        return new Principal(record.userId(), record.deviceId(), hash);
    }

    public Optional<Account> find(long userId) {
        return store.findById(userId);
    }

    public void touchLastSeen(long userId) {
        store.touchLastSeen(userId, clock.millis());
    }

    public java.util.List<AccountStore.Seen> seen(java.util.List<Long> userIds) {
        return userIds.isEmpty() ? java.util.List.of() : store.seen(userIds);
    }

    /** The account of exactly this name, else of the name it cannot be told apart from ({@code ALICE}: alice). */
    public Optional<Account> findByUsername(String username) {
        if (username == null || !LEGACY_USERNAME.matcher(username).matches()) {
            return Optional.empty();
        }
        Optional<Account> exact = store.findByUsername(username);
        return exact.isPresent() ? exact : store.findByUsernameKey(keys.keyOf(username));
    }

    /** Gives accounts made before username keys existed their key; run once at start-up. */
    public int backfillUsernameKeys() {
        return store.backfillUsernameKeys(keys::keyOf);
    }

    /**
     * Changes the password after checking the current one, and revokes every other token of the user (a
     * stolen token dies with the old password); the caller closes the sessions of those tokens.
     */
    public void changePassword(Principal principal, String currentPassword, String newPassword) {
        checkPasswordFormat(newPassword);
        Account account = store.findById(principal.userId())
                .orElseThrow(() -> new TernException(ErrorCode.INVALID_TOKEN, "account no longer exists"));
        if (currentPassword == null || currentPassword.length() > 128
                || !hasher.verify(currentPassword, account.passwordHash())) {
            throw new TernException(ErrorCode.WRONG_PASSWORD, "the current password is wrong");
        }
        store.setPasswordHash(account.id(), hasher.hash(newPassword));
        store.revokeTokensOf(account.id(), principal.tokenHash());
    }

    /** Revokes every token of the user, this one included ("log out all devices"); returns how many. */
    public int logoutAll(Principal principal) {
        return store.revokeTokensOf(principal.userId(), null);
    }

    /** Admin: sets a new password without the current one and revokes every token of the user. */
    public void resetPassword(long userId, String newPassword) {
        checkPasswordFormat(newPassword);
        store.setPasswordHash(userId, hasher.hash(newPassword));
        store.revokeTokensOf(userId, null);
    }

    /** Admin: revokes every token of the user; returns how many. */
    public int revokeAll(long userId) {
        return store.revokeTokensOf(userId, null);
    }

    /** A real hash of a random secret nobody keeps: no password matches it. */
    public String unusableHash() {
        return hasher.hash(tokens.newToken());
    }

    /** The users who share a conversation with the user: whose presence they may see. */
    public java.util.Set<Long> related(long userId) {
        return store.related(userId);
    }

    private static void checkPasswordFormat(String password) {
        if (password == null || password.length() < 8 || password.length() > 128) {
            throw new TernException(ErrorCode.INVALID_CREDENTIALS_FORMAT, "password must be 8-128 characters");
        }
    }
}
