package io.tern.server.store;

/** The SQL that differs between SQLite and PostgreSQL; everything else is shared. */
public enum Dialect {
    SQLITE("INTEGER PRIMARY KEY AUTOINCREMENT", " WITHOUT ROWID", "MAX", "MIN", "LENGTH(CAST(content AS BLOB))"),
    POSTGRES("BIGSERIAL PRIMARY KEY", "", "GREATEST", "LEAST", "OCTET_LENGTH(content)");

    private final String idColumn;
    private final String clusteredSuffix;
    private final String greatest;
    private final String least;
    private final String contentBytes;

    Dialect(String idColumn, String clusteredSuffix, String greatest, String least, String contentBytes) {
        this.idColumn = idColumn;
        this.clusteredSuffix = clusteredSuffix;
        this.greatest = greatest;
        this.least = least;
        this.contentBytes = contentBytes;
    }

    /** Replaces the placeholders {@code {{ID}}}, {@code {{CLUSTERED}}}, {@code {{GREATEST}}}, {@code {{LEAST}}}, {@code {{CONTENT_BYTES}}}. */
    public String sql(String template) {
        return template.replace("{{ID}}", idColumn)
                .replace("{{CLUSTERED}}", clusteredSuffix)
                .replace("{{GREATEST}}", greatest)
                .replace("{{LEAST}}", least)
                .replace("{{CONTENT_BYTES}}", contentBytes);
    }
}
