/**
 * Server-side message search: what text of a message is searchable, the port the store answers with the
 * messages a user may see, and the service that checks a query and marks where it matched.
 */
package io.tern.server.core.search;
