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

    /** Tells each, in this order (a cache before those who read through it). */
    static PeopleChanges all(PeopleChanges... each) {
        return new PeopleChanges() {
            @Override
            public void between(long a, long b) {
                for (PeopleChanges c : each) {
                    c.between(a, b);
                }
            }

            @Override
            public void privacyOf(long userId) {
                for (PeopleChanges c : each) {
                    c.privacyOf(userId);
                }
            }
        };
    }

    /** A block or a contact between the two users was added or removed. */
    void between(long a, long b);

    /** The user's privacy settings were saved. */
    void privacyOf(long userId);
}
