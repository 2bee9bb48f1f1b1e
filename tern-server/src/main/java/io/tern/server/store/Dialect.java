package io.tern.server.store;

/** The SQL that differs between SQLite and PostgreSQL; everything else is shared. */
public enum Dialect {
    SQLITE("INTEGER PRIMARY KEY AUTOINCREMENT", " WITHOUT ROWID", "MAX", "MIN", "LENGTH(CAST(content AS BLOB))",
            null, null),
    // The advisory lock key is arbitrary but fixed ("tern" in ASCII): every node migrating the same database
    // takes the same lock, so only one of them runs a migration at a time.
    POSTGRES("BIGSERIAL PRIMARY KEY", "", "GREATEST", "LEAST", "OCTET_LENGTH(content)",
            "SELECT pg_advisory_lock(1952805486)", "SELECT pg_advisory_unlock(1952805486)");

    private final String idColumn;
    private final String clusteredSuffix;
    private final String greatest;
    private final String least;
    private final String contentBytes;
    private final String migrationLock;
    private final String migrationUnlock;

    Dialect(String idColumn, String clusteredSuffix, String greatest, String least, String contentBytes,
            String migrationLock, String migrationUnlock) {
        this.migrationLock = migrationLock;
        this.migrationUnlock = migrationUnlock;
        this.idColumn = idColumn;
        this.clusteredSuffix = clusteredSuffix;
        this.greatest = greatest;
        this.least = least;
        this.contentBytes = contentBytes;
    }

    /** A statement that serialises schema migrations across nodes, or null where one process owns the file. */
    String migrationLock() {
        return migrationLock;
    }

    /** Releases {@link #migrationLock()}; null with it. */
    String migrationUnlock() {
        return migrationUnlock;
    }

    /**
     * Whether a failed write transaction may simply run again: a deadlock or serialization failure between
     * nodes, or a unique key another node's concurrent commit took first (the same clientMsgId resent to
     * another node, the first message of a new conversation); the retry sees the other commit and resolves
     * it as a duplicate. SQLite has a single writer, so none of these arise there.
     */
    boolean isRetryable(java.sql.SQLException e) {
        if (this != POSTGRES) {
            return false;
        }
        // A failed executeBatch reports the statement's own error as the next exception or the cause.
        java.util.ArrayDeque<Throwable> todo = new java.util.ArrayDeque<>(java.util.List.of(e));
        for (int seen = 0; !todo.isEmpty() && seen < 16; seen++) {
            Throwable t = todo.poll();
            if (t instanceof java.sql.SQLException x) {
                String state = x.getSQLState();
                if ("40001".equals(state) || "40P01".equals(state) || "23505".equals(state)) {
                    return true;
                }
                if (x.getNextException() != null) {
                    todo.add(x.getNextException());
                }
            }
            if (t.getCause() != null && t.getCause() != t) {
                todo.add(t.getCause());
            }
        }
        return false;
    }

    /** Whether a migration statement runs on this store: all do but those marked for the other one. */
    boolean runs(String statement) {
        return !statement.startsWith(this == SQLITE ? "{{POSTGRES}}" : "{{SQLITE}}");
    }

    /** Replaces the placeholders {@code {{ID}}}, {@code {{CLUSTERED}}}, {@code {{GREATEST}}}, {@code {{LEAST}}}, {@code {{CONTENT_BYTES}}}. */
    public String sql(String template) {
        return template.replace("{{SQLITE}}", "").replace("{{POSTGRES}}", "")
                .replace("{{ID}}", idColumn)
                .replace("{{CLUSTERED}}", clusteredSuffix)
                .replace("{{GREATEST}}", greatest)
                .replace("{{LEAST}}", least)
                .replace("{{CONTENT_BYTES}}", contentBytes);
    }
}
