package io.ordersvc.query.support;

import org.springframework.http.ResponseEntity;

public final class StaleHeader {

    public static final String NAME = "X-Read-Model-Stale";

    private StaleHeader() {
    }

    /** The body, marked stale when the read model had not reached the asked min_version in time. */
    public static <T> ResponseEntity<T> respond(T body, boolean fresh) {
        return fresh ? ResponseEntity.ok(body) : ResponseEntity.ok().header(NAME, "true").body(body);
    }
}
