/**
 * Typed configuration: one record tree ({@link io.tern.server.config.TernConfig}) loaded from defaults, a
 * properties file, environment variables and command-line overrides, validated at start-up and logged with
 * secrets masked. Every key is listed in {@link io.tern.server.config.ConfigKeys} and docs/configuration.md.
 */
package io.tern.server.config;
