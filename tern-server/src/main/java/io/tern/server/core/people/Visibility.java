package io.tern.server.core.people;

import java.util.Collection;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The one place that decides what one user may see of another: blocks (either way: nothing), then the
 * owner's privacy setting (everyone, contacts, nobody). Presence and last-seen go by {@code presence}; read
 * receipts by {@code receipts}. Blocking calls: use off the I/O threads.
 */
public final class Visibility {
    public static final Visibility NONE = new Visibility(Blocks.NONE, null, null);

    private final Blocks blocks;
    private final ContactStore contacts;
    private final PrivacyStore privacy;
    /** Null: every decision reads the store. */
    private final VisibilityCache cache;

    public Visibility(Blocks blocks, ContactStore contacts, PrivacyStore privacy) {
        this(blocks, contacts, privacy, null);
    }

    /** {@code cache} (or null) keeps what the decisions read; it must be told of every change (single node only). */
    public Visibility(Blocks blocks, ContactStore contacts, PrivacyStore privacy, VisibilityCache cache) {
        this.blocks = blocks;
        this.contacts = contacts;
        this.privacy = privacy;
        this.cache = cache;
    }

    /** Everyone in a block with the user, either way. */
    public Set<Long> separated(long userId) {
        return cache == null ? blocks.separated(userId) : cache.separated(userId, blocks::separated);
    }

    private Set<Long> contactSet(long userId) {
        return cache == null ? contacts.contactSet(userId) : cache.contacts(userId, contacts::contactSet);
    }

    private Map<Long, Privacy> settings(Collection<Long> userIds) {
        return cache == null ? privacy.of(userIds) : cache.privacy(userIds, privacy::of);
    }

    /** Of {@code owners}, those whose presence and last-seen {@code viewer} may see (the viewer always sees themself). */
    public Set<Long> presenceVisible(long viewer, Collection<Long> owners) {
        return visible(viewer, owners, true);
    }

    /** Of {@code readers}, those whose read receipts {@code viewer} may get. */
    public Set<Long> receiptsVisible(long viewer, Collection<Long> readers) {
        return visible(viewer, readers, false);
    }

    /**
     * Of {@code viewers}, those who may see {@code owner}'s presence, decided from the owner's side in at most
     * three queries (their blocks, their setting, their contacts) however many viewers there are: blocks and
     * contacts are both symmetric, so the owner's rows say everything. Never includes the owner.
     */
    public Set<Long> presenceAudience(long owner, Collection<Long> viewers) {
        Set<Long> out = new HashSet<>(viewers);
        out.remove(owner);
        out.removeAll(separated(owner));
        if (privacy == null || out.isEmpty()) {
            return out;
        }
        switch (settings(java.util.List.of(owner)).getOrDefault(owner, Privacy.DEFAULT).presence()) {
            case EVERYONE -> { }
            case CONTACTS -> out.retainAll(contactSet(owner));
            case NOBODY -> out.clear();
        }
        return out;
    }

    private Set<Long> visible(long viewer, Collection<Long> owners, boolean presence) {
        Set<Long> out = new HashSet<>(owners);
        out.removeAll(separated(viewer));
        if (privacy == null || out.isEmpty()) {
            return out;
        }
        Map<Long, Privacy> settings = settings(out);
        Set<Long> mine = null;
        for (java.util.Iterator<Long> it = out.iterator(); it.hasNext(); ) {
            long owner = it.next();
            Privacy p = settings.getOrDefault(owner, Privacy.DEFAULT);
            Privacy.Audience audience = presence ? p.presence() : p.receipts();
            if (owner == viewer || audience == Privacy.Audience.EVERYONE) {
                continue;
            }
            if (audience == Privacy.Audience.CONTACTS) {
                mine = mine != null ? mine : contactSet(viewer);
                if (mine.contains(owner)) {
                    continue;
                }
            }
            it.remove();
        }
        return out;
    }
}
