package io.tern.server.startup;

/** A start-up failure an operator can fix: one line saying what and how, and the process exit status. */
public final class StartupException extends RuntimeException {
    /** Any other failure to start (for example the database cannot be opened). */
    public static final int FAILED = 1;
    /** The configuration is invalid: a bad key, an unresolvable {@code server.host}, TLS files that do not load. */
    public static final int CONFIG = 2;
    /** The port is taken by another process (EX_UNAVAILABLE). */
    public static final int PORT_IN_USE = 69;
    /** The data directory cannot be created or written (EX_CANTCREAT). */
    public static final int DATA_DIR = 73;
    /** Another server holds the data directory's lock (EX_TEMPFAIL: try again once it has stopped). */
    public static final int LOCKED = 75;

    private final int exitCode;

    public StartupException(int exitCode, String message) {
        super(message, null, false, false);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
