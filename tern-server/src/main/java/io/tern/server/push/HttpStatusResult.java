package io.tern.server.push;

import io.tern.server.core.push.PushResult;

/** The common reading of an HTTP answer of a push service. */
final class HttpStatusResult {
    private HttpStatusResult() {
    }

    /** 2xx sent; 404 and 410 gone; 408, 429 and 5xx temporary; any other 4xx refused. */
    static PushResult of(int status) {
        if (status >= 200 && status < 300) {
            return PushResult.SENT;
        }
        if (status == 404 || status == 410) {
            return PushResult.DEAD;
        }
        if (status == 408 || status == 429 || status >= 500) {
            return PushResult.RETRY;
        }
        return PushResult.REJECTED;
    }
}
