/**
 * Running a server for its users: the admin role, disabling and deleting accounts, password resets, closing
 * a user's sessions, online backups, and the audit log that records each of these. The HTTP admin API and
 * the {@code tern-server admin} commands both go through {@link io.tern.server.core.admin.AdminService}.
 */
package io.tern.server.core.admin;
