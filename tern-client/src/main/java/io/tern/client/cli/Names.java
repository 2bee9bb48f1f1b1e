package io.tern.client.cli;

import io.tern.client.ConversationInfo;
import io.tern.client.Directory;
import io.tern.client.GroupInfo;
import io.tern.client.TernClientException;
import io.tern.client.UserInfo;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The users and groups the console knows by name: what it was told (online list, lookups, the groups of the
 * user), filled on demand from the server. Maps are concurrent because the input thread (commands,
 * completion) and the output thread (printing) both use them; a name looked up twice at once is merely
 * fetched twice.
 */
final class Names implements Labels {
    private final Directory directory;
    private final Map<Long, String> users = new ConcurrentHashMap<>();
    private final Map<String, Long> userIds = new ConcurrentHashMap<>();
    private final Map<Long, GroupInfo> groups = new ConcurrentHashMap<>();

    Names(Directory directory, long me, String myName) {
        this.directory = directory;
        remember(new UserInfo(me, myName, true));
    }

    void remember(UserInfo user) {
        users.put(user.userId(), user.username());
        userIds.put(user.username(), user.userId());
    }

    void remember(GroupInfo group) {
        groups.put(group.groupId(), group);
    }

    /** Fetches what completion offers before anyone asks: who is online, the groups, the recent peers. */
    void preload() {
        online();
        refreshGroups();
        List<Long> peers = new ArrayList<>();
        for (ConversationInfo c : Await.result(directory.conversations(100, 0))) {
            long[] ids = Conversations.directMembers(c.conversationId());
            if (ids != null) {
                peers.add(ids[0]);
                peers.add(ids[1]);
            }
        }
        peers.removeIf(users::containsKey);
        Await.result(directory.users(peers.stream().distinct().limit(200).toList())).forEach(this::remember);
    }

    List<UserInfo> online() {
        List<UserInfo> online = Await.result(directory.onlineUsers());
        online.forEach(this::remember);
        return online;
    }

    @Override
    public String user(long userId) {
        try {
            return knownUser(userId).orElse("user " + userId);
        } catch (RuntimeException e) {
            return "user " + userId; // a message is still worth showing without its sender's name
        }
    }

    /** The name of the user with this id, asking the server if it is not known yet. */
    Optional<String> knownUser(long userId) {
        String name = users.get(userId);
        if (name == null) {
            Await.result(directory.users(List.of(userId))).forEach(this::remember);
            name = users.get(userId);
        }
        return Optional.ofNullable(name);
    }

    /** The id of the user with this name, asking the server if it is not known yet; empty if none. */
    OptionalLong userId(String username) {
        Long id = userIds.get(username);
        if (id != null) {
            return OptionalLong.of(id);
        }
        try {
            UserInfo user = Await.result(directory.user(username));
            remember(user);
            return OptionalLong.of(user.userId());
        } catch (TernClientException e) {
            if ("NO_SUCH_USER".equals(e.error())) {
                return OptionalLong.empty();
            }
            throw e;
        }
    }

    @Override
    public String group(long groupId) {
        try {
            return knownGroup(groupId).map(GroupInfo::name).orElse("group " + groupId);
        } catch (RuntimeException e) {
            return "group " + groupId;
        }
    }

    /** A group of the user; the list is fetched again once if the id is new (the user was just added). */
    Optional<GroupInfo> knownGroup(long groupId) {
        GroupInfo group = groups.get(groupId);
        if (group == null) {
            refreshGroups();
            group = groups.get(groupId);
        }
        return Optional.ofNullable(group);
    }

    List<GroupInfo> refreshGroups() {
        List<GroupInfo> mine = Await.result(directory.groups());
        groups.clear();
        mine.forEach(this::remember);
        return mine;
    }

    /** The user's group named by id ({@code 12}) or by name ({@code team}), which must be unambiguous. */
    GroupInfo findGroup(String ref) {
        if (Ids.isNumber(ref)) {
            Optional<GroupInfo> byId = knownGroup(Long.parseLong(ref));
            if (byId.isPresent()) {
                return byId.get();
            }
        }
        List<GroupInfo> named = named(ref);
        if (named.isEmpty()) {
            refreshGroups();
            named = named(ref);
        }
        if (named.size() == 1) {
            return named.get(0);
        }
        if (named.isEmpty()) {
            throw new CommandException("you are in no group #" + ref + " (:groups lists yours; :join <id> joins one)");
        }
        throw new CommandException("several of your groups are called " + ref + ": "
                + String.join(", ", named.stream().map(g -> "#" + g.groupId()).toList()) + "; use the id");
    }

    Collection<String> usernames() {
        return List.copyOf(userIds.keySet());
    }

    Collection<GroupInfo> groups() {
        return List.copyOf(groups.values());
    }

    private List<GroupInfo> named(String name) {
        return groups.values().stream().filter(g -> g.name().equals(name)).toList();
    }
}
