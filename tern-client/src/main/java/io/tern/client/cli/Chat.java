package io.tern.client.cli;

import io.tern.client.Directory;
import io.tern.client.Sent;
import io.tern.client.TernClient;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

/**
 * The state of a logged-in console session that commands act on: the client, the names it knows, the open
 * conversation, and the messages sent but not yet stored by the server. Commands run on the input thread;
 * the output thread reads the open conversation, hence the volatile fields.
 */
final class Chat {
    private final TernClient client;
    private final String myName;
    private final Names names;
    private final Formatter formatter;
    private final Screen screen;
    private final BooleanSupplier online;
    private final Set<CompletableFuture<Sent>> unsent = ConcurrentHashMap.newKeySet();
    private volatile Target open;
    private volatile boolean quitting;

    Chat(TernClient client, String myName, Names names, Formatter formatter, Screen screen, BooleanSupplier online) {
        this.client = client;
        this.myName = myName;
        this.names = names;
        this.formatter = formatter;
        this.screen = screen;
        this.online = online;
    }

    TernClient client() {
        return client;
    }

    Directory directory() {
        return client.directory();
    }

    Names names() {
        return names;
    }

    Formatter formatter() {
        return formatter;
    }

    Screen screen() {
        return screen;
    }

    long me() {
        return client.userId();
    }

    /** {@code bob} or {@code 12} (an id, if no user has that name): a user; {@code #team} or {@code #12}: a group. */
    Target resolve(String ref) {
        if (ref.startsWith("#") && ref.length() > 1) {
            return Target.group(names.findGroup(ref.substring(1)));
        }
        String name = ref.startsWith("@") ? ref.substring(1) : ref;
        OptionalLong id = names.userId(name);
        if (id.isPresent()) {
            return Target.user(id.getAsLong(), name, me());
        }
        if (Ids.isNumber(name)) {
            return userById(Long.parseLong(name));
        }
        throw new CommandException("no user called " + Formatter.clean(name) + " (:olu lists who is online)");
    }

    Target userById(long userId) {
        String name = names.knownUser(userId).orElseThrow(
                () -> new CommandException("no user has the id " + userId + " (:olu lists ids)"));
        return Target.user(userId, name, me());
    }

    /**
     * Sends text; the line "[sent #seq]" follows when the server has stored it (the message comes back through
     * the message listener), an error line if it refuses it.
     */
    void send(Target target, String text) {
        track(target, target.send(client, text));
    }

    /** Sends any content (an uploaded file's), reported like text. */
    void sendContent(Target target, io.tern.protocol.RawJson content) {
        track(target, target.send(client, content));
    }

    private void track(Target target, CompletableFuture<Sent> sending) {
        unsent.add(sending);
        sending.whenComplete((sent, err) -> {
            unsent.remove(sending);
            if (err != null) {
                screen.error("not sent to " + target.label() + ": " + Failures.describe(err));
            }
        });
        if (!online.getAsBoolean()) {
            screen.notice("offline: the message to " + target.label() + " goes out once reconnected");
        }
    }

    /** Marks the conversation read up to what this console has shown of it, if anything. */
    void markShownRead(Target target) {
        long shown = client.cursors().getOrDefault(target.conversationId(), 0L);
        if (shown > 0) {
            client.markRead(target.conversationId(), shown);
        }
    }

    Target open() {
        return open;
    }

    void open(Target target) {
        this.open = target;
    }

    boolean isOpen(String conversationId) {
        Target current = open;
        return current != null && current.conversationId().equals(conversationId);
    }

    String prompt() {
        Target current = open;
        return current == null ? myName + "> " : myName + " (" + current.label() + ")> ";
    }

    int unsent() {
        return unsent.size();
    }

    /** Waits until every send has been answered, or the time is up; true if none is left. */
    boolean awaitSent(Duration atMost) {
        CompletableFuture<?> all = CompletableFuture.allOf(unsent.toArray(CompletableFuture[]::new));
        try {
            all.handle((ok, err) -> null).get(atMost.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        return true;
    }

    void quit() {
        quitting = true;
    }

    boolean quitting() {
        return quitting;
    }
}
