package io.tern.server.core.search;

import io.tern.protocol.ErrorCode;
import io.tern.server.core.TernException;
import io.tern.server.core.limit.Limits;
import io.tern.server.core.message.MessageQueries;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks a search, asks the store for one page and marks the matches. Blocking: callers run it off the I/O
 * threads. Searches share the per-user lookup budget ({@code limits.lookupsPerMinute}) with the directory, so
 * neither can be used to hammer the store.
 */
public final class SearchService {
    /** Fewer characters than this find too much to be worth a query (and nothing by trigram). */
    public static final int MIN_QUERY = 2;
    public static final int MAX_QUERY = 200;
    public static final int MAX_LIMIT = 100;

    private final MessageSearch search;
    private final MessageQueries queries;
    private final Limits limits;

    public SearchService(MessageSearch search, MessageQueries queries, Limits limits) {
        this.search = search;
        this.queries = queries;
        this.limits = limits;
    }

    /**
     * @param conversationId one conversation of the user's (NOT_A_MEMBER otherwise), or null for all
     * @param beforeId       a previous page's {@code nextBefore}, or {@link Long#MAX_VALUE} for the newest
     */
    public SearchPage search(long userId, String conversationId, String rawQuery, long beforeId, int limit) {
        String query = rawQuery == null ? "" : rawQuery.strip();
        int chars = query.codePointCount(0, query.length());
        if (chars < MIN_QUERY) {
            throw new TernException(ErrorCode.SEARCH_QUERY_TOO_SHORT,
                    "a search needs at least " + MIN_QUERY + " characters");
        }
        if (chars > MAX_QUERY) {
            throw new TernException(ErrorCode.INVALID_FIELD, "a search is at most " + MAX_QUERY + " characters");
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new TernException(ErrorCode.INVALID_FIELD, "limit must be 1 to " + MAX_LIMIT);
        }
        limits.lookup(userId);
        if (conversationId != null) {
            queries.checkMember(userId, conversationId);
        }
        List<MessageSearch.Found> found = search.find(userId, conversationId, query, beforeId, limit + 1);
        boolean more = found.size() > limit;
        List<SearchPage.Hit> hits = new ArrayList<>(Math.min(found.size(), limit));
        for (MessageSearch.Found f : found.subList(0, Math.min(found.size(), limit))) {
            hits.add(new SearchPage.Hit(f.message(), f.text(), SearchText.highlights(f.text(), query)));
        }
        return new SearchPage(hits, more ? found.get(limit - 1).id() : null);
    }
}
