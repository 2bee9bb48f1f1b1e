/**
 * Finding people: profiles (display name, avatar) and the user directory searched by name prefix.
 */
package io.tern.server.core.people;
