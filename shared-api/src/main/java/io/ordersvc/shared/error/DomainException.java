package io.ordersvc.shared.error;

/**
 * A refusal the client can act on. The web layer maps {@link #kind()} to the HTTP status and
 * {@link #code()} to the problem's stable {@code code}.
 */
public abstract class DomainException extends RuntimeException {

    public enum Kind {
        /** 400: what was sent cannot be taken as it is (a notification whose signature does not verify). */
        BAD_REQUEST,
        /** 404: does not exist, or the caller may not know it exists. */
        NOT_FOUND,
        /** 403: the caller's role may not do this. */
        FORBIDDEN,
        /** 409: not allowed in the current state, or a concurrent change won. */
        CONFLICT,
        /** 422: a business rule refused the request. */
        UNPROCESSABLE,
        /** 503: a service this one depends on (a payment channel) did not answer; retry later. */
        UNAVAILABLE
    }

    private final String code;
    private final Kind kind;
    private final java.util.Map<String, Object> properties;

    protected DomainException(Kind kind, String code, String message) {
        this(kind, code, message, java.util.Map.of());
    }

    protected DomainException(Kind kind, String code, String message, java.util.Map<String, Object> properties) {
        super(message, null, false, false);
        this.kind = kind;
        this.code = code;
        this.properties = java.util.Map.copyOf(properties);
    }

    /** What the client needs beside the code to act on it (PRICE_CHANGED carries the fresh preview). */
    public java.util.Map<String, Object> properties() {
        return properties;
    }

    public String code() {
        return code;
    }

    public Kind kind() {
        return kind;
    }
}
