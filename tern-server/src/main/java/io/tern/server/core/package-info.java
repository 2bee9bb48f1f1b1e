/**
 * The domain: accounts, conversations, messages, sessions and the delivery contract. It imports no
 * Netty, JDBC or Redis (an ArchUnit test keeps it so); it talks to storage through the ports
 * {@link io.tern.server.core.account.AccountStore} and {@link io.tern.server.core.message.MessageStore}, and
 * to connections through {@link io.tern.server.core.session.Connection}.
 */
package io.tern.server.core;
