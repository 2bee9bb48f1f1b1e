package io.tern.server.transport.http;

import io.tern.protocol.ErrorCode;
import io.tern.server.core.TernException;
import io.tern.server.core.account.AccountStore;
import io.tern.server.core.account.AccountsManager;
import io.tern.server.core.people.Contacts;
import io.tern.server.core.people.Privacy;
import io.tern.server.core.people.PrivacyStore;
import io.tern.server.core.people.Visibility;
import io.tern.server.core.session.SessionRegistry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Contacts, contact requests and the caller's privacy settings (docs/people.md). */
public final class ContactRoutes {
    private final Contacts contacts;
    private final PrivacyStore privacy;
    private final Visibility visibility;
    private final AccountsManager accounts;
    private final SessionRegistry sessions;
    private final io.tern.server.core.people.PeopleChanges changes;

    /** {@code changes} is told of every saved privacy setting (live presence notices follow it). */
    public ContactRoutes(Contacts contacts, PrivacyStore privacy, Visibility visibility, AccountsManager accounts,
                         SessionRegistry sessions, io.tern.server.core.people.PeopleChanges changes) {
        this.changes = changes;
        this.contacts = contacts;
        this.privacy = privacy;
        this.visibility = visibility;
        this.accounts = accounts;
        this.sessions = sessions;
    }

    public List<ApiRoute> routes() {
        return List.of(
                ApiRoute.authenticated("GET", "/api/contacts", this::list),
                ApiRoute.authenticated("DELETE", "/api/contacts/{userId}", r -> {
                    contacts.remove(r.principal().userId(), r.pathId("userId"));
                    return ApiResponse.ok(Map.of("ok", true));
                }),
                ApiRoute.authenticated("GET", "/api/contacts/requests", r -> {
                    List<Long> in = contacts.incoming(r.principal().userId());
                    List<Long> out = contacts.outgoing(r.principal().userId());
                    List<Long> both = new ArrayList<>(in);
                    both.addAll(out);
                    return ApiResponse.ok(Map.of("incoming", in, "outgoing", out, "users", UserNames.of(accounts, both)));
                }),
                ApiRoute.authenticated("POST", "/api/contacts/requests/{userId}", r -> ApiResponse.ok(Map.of(
                        "status", contacts.request(r.principal().userId(), r.pathId("userId")).name().toLowerCase(Locale.ROOT)))),
                ApiRoute.authenticated("POST", "/api/contacts/requests/{userId}/accept", r -> {
                    contacts.accept(r.principal().userId(), r.pathId("userId"));
                    return ApiResponse.ok(Map.of("ok", true));
                }),
                ApiRoute.authenticated("POST", "/api/contacts/requests/{userId}/decline", r -> {
                    contacts.drop(r.principal().userId(), r.pathId("userId"));
                    return ApiResponse.ok(Map.of("ok", true));
                }),
                ApiRoute.authenticated("GET", "/api/me/privacy", r -> ApiResponse.ok(json(
                        privacy.of(List.of(r.principal().userId())).getOrDefault(r.principal().userId(), Privacy.DEFAULT)))),
                ApiRoute.authenticated("PUT", "/api/me/privacy", this::setPrivacy));
    }

    /** The contacts with presence and last-seen where their privacy settings let the caller see them. */
    private ApiResponse list(ApiRequest request) {
        long me = request.principal().userId();
        List<Long> ids = contacts.contacts(me);
        Set<Long> visible = visibility.presenceVisible(me, ids);
        List<Map<String, Object>> out = new ArrayList<>();
        for (AccountStore.Seen s : accounts.seen(ids)) {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("userId", s.userId());
            c.put("username", s.username());
            if (visible.contains(s.userId())) {
                c.put("online", sessions.isOnline(s.userId()));
                c.put("lastSeen", s.lastSeen());
            }
            out.add(c);
        }
        return ApiResponse.ok(Map.of("contacts", out));
    }

    /** {@code {"presence": "everyone|contacts|nobody", "receipts": ...}}; an absent field keeps its value. */
    private ApiResponse setPrivacy(ApiRequest request) {
        long me = request.principal().userId();
        Privacy now = privacy.of(List.of(me)).getOrDefault(me, Privacy.DEFAULT);
        var body = request.json();
        Privacy next = new Privacy(audience(body.get("presence"), now.presence(), "presence"),
                audience(body.get("receipts"), now.receipts(), "receipts"));
        privacy.save(me, next);
        if (!next.equals(now)) {
            changes.privacyOf(me);
        }
        return ApiResponse.ok(json(next));
    }

    private static Privacy.Audience audience(com.fasterxml.jackson.databind.JsonNode v, Privacy.Audience keep, String field) {
        if (v == null || v.isNull()) {
            return keep;
        }
        try {
            return Privacy.Audience.valueOf(v.asText().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new TernException(ErrorCode.INVALID_FIELD, "'" + field + "' must be everyone, contacts or nobody");
        }
    }

    private static Map<String, Object> json(Privacy p) {
        return Map.of("presence", p.presence().name().toLowerCase(Locale.ROOT),
                "receipts", p.receipts().name().toLowerCase(Locale.ROOT));
    }
}
