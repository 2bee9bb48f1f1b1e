package io.tern.server.core.people;

/**
 * Told after a change that alters who may see whom has been committed: a block or a contact added or removed
 * between two users, or a user's privacy settings. Called on the request's thread (off the event loops); must not
 * block for long.
 */
public interface PeopleChanges {
    PeopleChanges NONE = new PeopleChanges() {
        @Override
        public void between(long a, long b) {
        }

        @Override
        public void privacyOf(long userId) {
        }
    };

    /** A block or a contact between the two users was added or removed. */
    void between(long a, long b);

    /** The user's privacy settings were saved. */
    void privacyOf(long userId);
}
