/**
 * The composition root: {@link io.tern.server.TernServer} builds every object of a node with {@code new} and
 * owns their lifecycle; {@link io.tern.server.Main} parses the command line.
 */
package io.tern.server;
