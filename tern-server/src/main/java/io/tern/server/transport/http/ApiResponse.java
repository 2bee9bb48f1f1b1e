package io.tern.server.transport.http;

import io.netty.handler.codec.http.HttpResponseStatus;

/** A route's answer: a status and a body serialised as JSON. */
public record ApiResponse(HttpResponseStatus status, Object body) {
    public static ApiResponse ok(Object body) {
        return new ApiResponse(HttpResponseStatus.OK, body);
    }

    public static ApiResponse created(Object body) {
        return new ApiResponse(HttpResponseStatus.CREATED, body);
    }
}
