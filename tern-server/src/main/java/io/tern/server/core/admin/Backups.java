package io.tern.server.core.admin;

/** Port: a consistent copy of the whole store, taken while the server runs. */
public interface Backups {
    /** Writes the copy to {@code file} (which must not exist) and returns its size in bytes. */
    long backupTo(String file);
}
