package io.tern.server.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Versioned schema. Each migration runs once, in its own transaction, and is recorded in
 * {@code schema_version}; migrations are only ever appended, never edited. A statement that starts with
 * {@code {{SQLITE}}} or {@code {{POSTGRES}}} runs on that store only.
 */
final class Migrations {
    private static final Logger log = LoggerFactory.getLogger(Migrations.class);

    /** The search text of messages stored before the index (the same choice of field as SearchText). */
    static final String SEARCH_BACKFILL_SQLITE = "{{SQLITE}}INSERT INTO message_text (conversation_id, seq, body) "
            + "SELECT conversation_id, seq, t FROM (SELECT conversation_id, seq, COALESCE(json_extract(content, '$.body'), "
            + "json_extract(content, '$.caption'), json_extract(content, '$.name')) AS t FROM messages "
            + "WHERE json_valid(content) AND json_extract(content, '$.contentType') BETWEEN 1 AND 7) "
            + "WHERE t IS NOT NULL AND t <> '' ORDER BY conversation_id, seq";
    static final String SEARCH_BACKFILL_POSTGRES = "{{POSTGRES}}INSERT INTO message_text (conversation_id, seq, body) "
            + "SELECT conversation_id, seq, t FROM (SELECT conversation_id, seq, COALESCE(content::jsonb ->> 'body', content::jsonb ->> 'caption', "
            + "content::jsonb ->> 'name') AS t, content::jsonb ->> 'contentType' AS ct FROM messages) x "
            + "WHERE t IS NOT NULL AND t <> '' AND ct ~ '^[1-7]$' "
            + "ORDER BY conversation_id, seq";

    private static final List<List<String>> VERSIONS = List.of(
            List.of(
                    """
                    CREATE TABLE accounts (
                      id {{ID}},
                      username TEXT NOT NULL UNIQUE,
                      password_hash TEXT NOT NULL,
                      created_at BIGINT NOT NULL)""",
                    """
                    CREATE TABLE tokens (
                      token_hash TEXT PRIMARY KEY,
                      user_id BIGINT NOT NULL REFERENCES accounts(id),
                      device_id TEXT NOT NULL,
                      expires_at BIGINT NOT NULL,
                      revoked INTEGER NOT NULL DEFAULT 0)""",
                    "CREATE INDEX tokens_user ON tokens(user_id)",
                    """
                    CREATE TABLE conversations (
                      id TEXT PRIMARY KEY,
                      last_seq BIGINT NOT NULL,
                      last_ts BIGINT NOT NULL)""",
                    """
                    CREATE TABLE messages (
                      conversation_id TEXT NOT NULL,
                      seq BIGINT NOT NULL,
                      msg_id TEXT NOT NULL UNIQUE,
                      sender_id BIGINT NOT NULL,
                      client_msg_id TEXT NOT NULL,
                      to_id BIGINT,
                      ts BIGINT NOT NULL,
                      content TEXT NOT NULL,
                      PRIMARY KEY (conversation_id, seq)){{CLUSTERED}}""",
                    "CREATE UNIQUE INDEX messages_idempotency ON messages(sender_id, client_msg_id)",
                    """
                    CREATE TABLE members (
                      user_id BIGINT NOT NULL,
                      conversation_id TEXT NOT NULL,
                      delivered_seq BIGINT NOT NULL DEFAULT 0,
                      read_seq BIGINT NOT NULL DEFAULT 0,
                      joined_seq BIGINT NOT NULL DEFAULT 0,
                      PRIMARY KEY (user_id, conversation_id)){{CLUSTERED}}"""),
            List.of(
                    """
                    CREATE TABLE chat_groups (
                      id {{ID}},
                      name TEXT NOT NULL,
                      owner_id BIGINT NOT NULL,
                      open INTEGER NOT NULL DEFAULT 0,
                      created_at BIGINT NOT NULL)""",
                    "ALTER TABLE members ADD COLUMN left_seq BIGINT",
                    "ALTER TABLE members ADD COLUMN role INTEGER NOT NULL DEFAULT 0",
                    "ALTER TABLE members ADD COLUMN muted INTEGER NOT NULL DEFAULT 0",
                    "CREATE INDEX members_conversation ON members(conversation_id, user_id)",
                    "ALTER TABLE accounts ADD COLUMN last_seen BIGINT NOT NULL DEFAULT 0"),
            List.of(
                    // The seq of the group's last membership change, read with the seq bump under the same row
                    // lock, so every node knows whether its cached member list is older than a message.
                    "ALTER TABLE conversations ADD COLUMN members_seq BIGINT NOT NULL DEFAULT 0"),
            List.of(
                    // Every membership window (a rejoin adds one), so reads and resends honour all of them; the
                    // members row keeps only the cursors and the current role. Backfilled with each member's
                    // latest window, the only one known before this version.
                    """
                    CREATE TABLE member_windows (
                      conversation_id TEXT NOT NULL,
                      user_id BIGINT NOT NULL,
                      joined_seq BIGINT NOT NULL,
                      left_seq BIGINT,
                      PRIMARY KEY (conversation_id, user_id, joined_seq)){{CLUSTERED}}""",
                    "INSERT INTO member_windows (conversation_id, user_id, joined_seq, left_seq) "
                            + "SELECT conversation_id, user_id, joined_seq, left_seq FROM members",
                    // What a resend is compared with: a hash of (conversation, content). Null for messages stored
                    // before this version; a resend of one of those is taken as a true resend.
                    "ALTER TABLE messages ADD COLUMN content_hash TEXT"),
            List.of(
                    // One account per look-alike name (UsernameKeys); filled for older accounts at start-up.
                    "ALTER TABLE accounts ADD COLUMN username_key TEXT",
                    "CREATE UNIQUE INDEX accounts_lookalike ON accounts(username_key)"),
            List.of(
                    // Offline push (docs/push.md): devices, settings, and the durable jobs the push worker raises
                    // from the message log by its own cursor per conversation (push_cursors).
                    """
                    CREATE TABLE push_devices (
                      id {{ID}},
                      user_id BIGINT NOT NULL,
                      device_id TEXT NOT NULL,
                      token_hash TEXT NOT NULL,
                      platform TEXT NOT NULL,
                      token TEXT NOT NULL,
                      p256dh TEXT,
                      auth TEXT,
                      locale TEXT,
                      created_at BIGINT NOT NULL)""",
                    "CREATE UNIQUE INDEX push_devices_token ON push_devices(platform, token)",
                    "CREATE INDEX push_devices_user ON push_devices(user_id)",
                    """
                    CREATE TABLE push_jobs (
                      device_ref BIGINT NOT NULL,
                      conversation_id TEXT NOT NULL,
                      upto_seq BIGINT NOT NULL,
                      sending_seq BIGINT NOT NULL DEFAULT 0,
                      sent_seq BIGINT NOT NULL DEFAULT 0,
                      mentioned INTEGER NOT NULL DEFAULT 0,
                      messages INTEGER NOT NULL DEFAULT 0,
                      attempts INTEGER NOT NULL DEFAULT 0,
                      claimed_until BIGINT NOT NULL DEFAULT 0,
                      PRIMARY KEY (device_ref, conversation_id))""",
                    "CREATE INDEX push_jobs_pending ON push_jobs(device_ref) WHERE upto_seq > sent_seq",
                    "CREATE TABLE push_cursors (conversation_id TEXT PRIMARY KEY, seq BIGINT NOT NULL)",
                    "CREATE TABLE push_state (name TEXT PRIMARY KEY, value BIGINT NOT NULL)",
                    """
                    CREATE TABLE push_settings (
                      user_id BIGINT PRIMARY KEY,
                      preview INTEGER NOT NULL DEFAULT 1,
                      dnd_until BIGINT NOT NULL DEFAULT 0)""",
                    """
                    CREATE TABLE push_mutes (
                      user_id BIGINT NOT NULL,
                      conversation_id TEXT NOT NULL,
                      until_ts BIGINT,
                      PRIMARY KEY (user_id, conversation_id))""",
                    "CREATE INDEX conversations_last_ts ON conversations(last_ts)"),
            List.of(
                    // Uploads (core.media): one row per (owner, upload); blobs are files named by their SHA-256, so
                    // rows of different owners may share them. touched_at: when last uploaded again or sent.
                    """
                    CREATE TABLE media (
                      id TEXT PRIMARY KEY,
                      owner_id BIGINT NOT NULL,
                      sha256 TEXT NOT NULL,
                      upload_sha256 TEXT NOT NULL,
                      size BIGINT NOT NULL,
                      mime TEXT NOT NULL,
                      name TEXT NOT NULL,
                      width INTEGER NOT NULL,
                      height INTEGER NOT NULL,
                      thumb_sha256 TEXT,
                      thumb_size BIGINT NOT NULL,
                      thumb_width INTEGER NOT NULL,
                      thumb_height INTEGER NOT NULL,
                      created_at BIGINT NOT NULL,
                      touched_at BIGINT NOT NULL)""",
                    "CREATE INDEX media_owner_upload ON media(owner_id, upload_sha256)",
                    "CREATE INDEX media_upload ON media(upload_sha256)",
                    "CREATE INDEX media_blob ON media(sha256)",
                    "CREATE INDEX media_thumb ON media(thumb_sha256)",
                    "CREATE INDEX media_touched ON media(touched_at)",
                    // Which message references which media, written in the message's own commit (MediaRefs):
                    // what download access and the orphan sweep go by.
                    """
                    CREATE TABLE media_refs (
                      media_id TEXT NOT NULL,
                      conversation_id TEXT NOT NULL,
                      seq BIGINT NOT NULL,
                      PRIMARY KEY (media_id, conversation_id, seq)){{CLUSTERED}}"""),
            List.of(
                    // Admin tools (docs/operations.md): a role, an account status, and the audit log.
                    "ALTER TABLE accounts ADD COLUMN role TEXT NOT NULL DEFAULT 'user'",
                    "ALTER TABLE accounts ADD COLUMN status TEXT NOT NULL DEFAULT 'active'",
                    """
                    CREATE TABLE admin_audit (
                      id {{ID}},
                      at BIGINT NOT NULL,
                      actor TEXT NOT NULL,
                      action TEXT NOT NULL,
                      target TEXT NOT NULL,
                      detail TEXT NOT NULL)""",
                    // the retention purge finds old messages by time, a batch at a time, without a table scan each
                    "CREATE INDEX messages_ts ON messages(ts)",
                    // auth.registration=INVITE: single-use codes, kept as hashes like tokens
                    """
                    CREATE TABLE invites (
                      code_hash TEXT PRIMARY KEY,
                      created_by TEXT NOT NULL,
                      created_at BIGINT NOT NULL,
                      expires_at BIGINT NOT NULL,
                      used_by BIGINT)"""),
            List.of(
                    // Groups people can run (docs/groups.md): timed mutes, description, "only admins may post",
                    // dissolve, the ban list and invite links.
                    "ALTER TABLE members ADD COLUMN muted_until BIGINT",
                    "ALTER TABLE chat_groups ADD COLUMN description TEXT NOT NULL DEFAULT ''",
                    "ALTER TABLE chat_groups ADD COLUMN admins_only INTEGER NOT NULL DEFAULT 0",
                    "ALTER TABLE chat_groups ADD COLUMN dissolved_at BIGINT",
                    """
                    CREATE TABLE group_bans (
                      group_id BIGINT NOT NULL,
                      user_id BIGINT NOT NULL,
                      banned_by BIGINT NOT NULL,
                      banned_at BIGINT NOT NULL,
                      PRIMARY KEY (group_id, user_id))""",
                    """
                    CREATE TABLE group_invites (
                      code TEXT PRIMARY KEY,
                      group_id BIGINT NOT NULL,
                      created_by BIGINT NOT NULL,
                      created_at BIGINT NOT NULL,
                      expires_at BIGINT,
                      max_uses INTEGER,
                      uses INTEGER NOT NULL DEFAULT 0,
                      revoked INTEGER NOT NULL DEFAULT 0)""",
                    "CREATE INDEX group_invites_group ON group_invites(group_id)"),
            List.of(
                    // Message lifecycle (docs/message-lifecycle.md): the state later change events gave a message,
                    // whether it counts as unread, and the seq of the message a change event is about.
                    "ALTER TABLE messages ADD COLUMN state TEXT",
                    "ALTER TABLE messages ADD COLUMN control INTEGER NOT NULL DEFAULT 0",
                    "ALTER TABLE messages ADD COLUMN ref_seq BIGINT",
                    "CREATE INDEX messages_control ON messages(conversation_id, seq) WHERE control = 1",
                    "CREATE INDEX messages_ref ON messages(conversation_id, ref_seq) WHERE ref_seq IS NOT NULL",
                    // who a message mentions (0: @all), counted per conversation in the conversation list
                    """
                    CREATE TABLE mentions (
                      conversation_id TEXT NOT NULL,
                      user_id BIGINT NOT NULL,
                      seq BIGINT NOT NULL,
                      PRIMARY KEY (conversation_id, user_id, seq)){{CLUSTERED}}""",
                    // scheduled sends, waiting for their time; sent ones are deleted
                    """
                    CREATE TABLE scheduled_messages (
                      id {{ID}},
                      user_id BIGINT NOT NULL,
                      client_msg_id TEXT NOT NULL,
                      to_id BIGINT,
                      group_id BIGINT,
                      content TEXT NOT NULL,
                      send_at BIGINT NOT NULL,
                      state TEXT NOT NULL,
                      claimed_at BIGINT NOT NULL,
                      error TEXT)""",
                    "CREATE INDEX scheduled_due ON scheduled_messages(send_at)",
                    "CREATE INDEX scheduled_user ON scheduled_messages(user_id)",
                    // delete for me: the event is its sender's alone, and the target leaves their pages
                    "ALTER TABLE messages ADD COLUMN private_to BIGINT",
                    """
                    CREATE TABLE hidden_messages (
                      user_id BIGINT NOT NULL,
                      conversation_id TEXT NOT NULL,
                      seq BIGINT NOT NULL,
                      PRIMARY KEY (user_id, conversation_id, seq)){{CLUSTERED}}""",
                    // group events (contentType 100) stored before this version: not unread either
                    "UPDATE messages SET control = 1 WHERE content LIKE '{\"contentType\":100,%'"),
            List.of(
                    // Message search (docs/search.md): the searchable text of each message, written by the writer in
                    // the message's own commit (SearchIndex). SQLite indexes it with an FTS5 trigram table (below);
                    // PostgreSQL with a pg_trgm index where the extension can be created.
                    """
                    CREATE TABLE message_text (
                      id {{ID}},
                      conversation_id TEXT NOT NULL,
                      seq BIGINT NOT NULL,
                      body TEXT NOT NULL)""",
                    "CREATE UNIQUE INDEX message_text_key ON message_text(conversation_id, seq)",
                    "{{SQLITE}}CREATE VIRTUAL TABLE message_fts USING fts5(body, content='message_text', "
                            + "content_rowid='id', tokenize='trigram')",
                    // The FTS index trails the text table: SearchCatchUp adds rows up to search_progress in the
                    // writer's idle moments (trigram indexing costs several times the message's own insert), and a
                    // search scans the rows past it. Only rows already indexed are taken out of the index.
                    "CREATE TABLE search_progress (indexed_through BIGINT NOT NULL)",
                    "INSERT INTO search_progress (indexed_through) VALUES (0)",
                    "{{SQLITE}}CREATE TRIGGER message_text_ad AFTER DELETE ON message_text "
                            + "WHEN old.id <= (SELECT indexed_through FROM search_progress) BEGIN "
                            + "INSERT INTO message_fts (message_fts, rowid, body) VALUES ('delete', old.id, old.body); END",
                    "{{SQLITE}}CREATE TRIGGER message_text_au AFTER UPDATE ON message_text "
                            + "WHEN old.id <= (SELECT indexed_through FROM search_progress) BEGIN "
                            + "INSERT INTO message_fts (message_fts, rowid, body) VALUES ('delete', old.id, old.body); "
                            + "INSERT INTO message_fts (rowid, body) VALUES (new.id, new.body); END",
                    // a purged (or otherwise deleted) message takes its text with it
                    "{{SQLITE}}CREATE TRIGGER messages_text_purge AFTER DELETE ON messages BEGIN "
                            + "DELETE FROM message_text WHERE conversation_id = old.conversation_id AND seq = old.seq; END",
                    "{{POSTGRES}}CREATE FUNCTION message_text_purge() RETURNS trigger AS $$ BEGIN "
                            + "DELETE FROM message_text WHERE conversation_id = OLD.conversation_id AND seq = OLD.seq; "
                            + "RETURN OLD; END $$ LANGUAGE plpgsql",
                    "{{POSTGRES}}CREATE TRIGGER messages_text_purge AFTER DELETE ON messages FOR EACH ROW "
                            + "EXECUTE FUNCTION message_text_purge()",
                    // pg_trgm is a trusted extension (PostgreSQL 13+): a database owner may create it. Where it cannot
                    // be created, search still answers the same, by scanning instead of by index.
                    "{{POSTGRES}}DO $$ BEGIN CREATE EXTENSION IF NOT EXISTS pg_trgm; EXECUTE 'CREATE INDEX message_text_trgm "
                            + "ON message_text USING gin (LOWER(body) gin_trgm_ops)'; EXCEPTION WHEN OTHERS THEN "
                            + "RAISE WARNING 'pg_trgm unavailable (%): message search will scan', SQLERRM; END $$",
                    SEARCH_BACKFILL_SQLITE,
                    SEARCH_BACKFILL_POSTGRES,
                    // Profiles and the user directory (docs/people.md): display_key is the lower-cased display name
                    // a prefix search compares with.
                    """
                    CREATE TABLE profiles (
                      user_id BIGINT PRIMARY KEY,
                      display_name TEXT,
                      display_key TEXT,
                      avatar_media_id TEXT,
                      updated_at BIGINT NOT NULL)""",
                    "CREATE INDEX profiles_display_key ON profiles(display_key)",
                    "CREATE INDEX profiles_avatar ON profiles(avatar_media_id)",
                    "CREATE INDEX accounts_username_lower ON accounts(LOWER(username))",
                    // Blocking (docs/people.md): read by the writer for every direct batch, so keyed both ways.
                    """
                    CREATE TABLE blocks (
                      blocker_id BIGINT NOT NULL,
                      blocked_id BIGINT NOT NULL,
                      created_at BIGINT NOT NULL,
                      PRIMARY KEY (blocker_id, blocked_id))""",
                    "CREATE INDEX blocks_blocked ON blocks(blocked_id, blocker_id)",
                    // Contacts (docs/people.md): one row per direction once a request is accepted; pending requests.
                    """
                    CREATE TABLE contacts (
                      user_id BIGINT NOT NULL,
                      contact_id BIGINT NOT NULL,
                      created_at BIGINT NOT NULL,
                      PRIMARY KEY (user_id, contact_id))""",
                    """
                    CREATE TABLE contact_requests (
                      from_id BIGINT NOT NULL,
                      to_id BIGINT NOT NULL,
                      created_at BIGINT NOT NULL,
                      PRIMARY KEY (from_id, to_id))""",
                    "CREATE INDEX contact_requests_to ON contact_requests(to_id, from_id)",
                    // Privacy (docs/people.md): who sees presence and last-seen, who gets read receipts.
                    """
                    CREATE TABLE privacy (
                      user_id BIGINT PRIMARY KEY,
                      presence TEXT NOT NULL,
                      receipts TEXT NOT NULL)"""));

    private Migrations() {
    }

    static void migrate(Connection connection, Dialect dialect) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        if (dialect.migrationLock() != null) {
            try (Statement lock = connection.createStatement()) {
                lock.execute(dialect.migrationLock());
            }
        }
        connection.setAutoCommit(false);
        try (Statement st = connection.createStatement()) {
            st.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)");
            connection.commit();
            int current = 0;
            try (ResultSet rs = st.executeQuery("SELECT MAX(version) FROM schema_version")) {
                if (rs.next()) {
                    current = rs.getInt(1);
                }
            }
            for (int v = current + 1; v <= VERSIONS.size(); v++) {
                for (String sql : VERSIONS.get(v - 1)) {
                    if (dialect.runs(sql)) {
                        st.execute(dialect.sql(sql));
                    }
                }
                st.execute("INSERT INTO schema_version (version) VALUES (" + v + ")");
                connection.commit();
                log.info("schema migrated to version {}", v);
            }
        } catch (SQLException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(autoCommit);
            if (dialect.migrationUnlock() != null) {
                try (Statement unlock = connection.createStatement()) {
                    unlock.execute(dialect.migrationUnlock());
                }
            }
        }
    }
}
