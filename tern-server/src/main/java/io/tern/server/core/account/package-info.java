/** Accounts, password hashing, login tokens and the principal a token stands for. */
package io.tern.server.core.account;
