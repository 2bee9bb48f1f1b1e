/**
 * History retention: messages older than the configured age of their conversation kind are purged in small
 * batches by a job the node runs on its ticker. See docs/operations.md.
 */
package io.tern.server.core.retention;
