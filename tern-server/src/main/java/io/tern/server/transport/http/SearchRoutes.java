package io.tern.server.transport.http;

import io.tern.server.core.search.SearchPage;
import io.tern.server.core.search.SearchService;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code GET /api/search}: the messages the caller may see that contain the query, newest first. */
public final class SearchRoutes {
    private static final int DEFAULT_LIMIT = 20;

    private final SearchService search;

    public SearchRoutes(SearchService search) {
        this.search = search;
    }

    public List<ApiRoute> routes() {
        return List.of(ApiRoute.authenticated("GET", "/api/search", this::search));
    }

    private ApiResponse search(ApiRequest request) {
        List<String> q = request.query().get("q");
        String conversationId = request.hasQuery("conversationId")
                ? request.query().get("conversationId").get(0) : null;
        int limit = (int) request.queryLong("limit", DEFAULT_LIMIT, 1, SearchService.MAX_LIMIT);
        long before = request.queryLong("before", Long.MAX_VALUE, 1, Long.MAX_VALUE);
        SearchPage page = search.search(request.principal().userId(), conversationId,
                q == null || q.isEmpty() ? "" : q.get(0), before, limit);
        List<Map<String, Object>> hits = page.hits().stream().map(h -> {
            Map<String, Object> hit = new LinkedHashMap<>();
            hit.put("message", h.message().toPush());
            hit.put("text", h.text());
            hit.put("highlights", h.highlights());
            return hit;
        }).toList();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("hits", hits);
        out.put("nextBefore", page.nextBefore());
        return ApiResponse.ok(out);
    }
}
