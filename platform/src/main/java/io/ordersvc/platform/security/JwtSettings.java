package io.ordersvc.platform.security;

import org.springframework.core.env.Environment;

import java.nio.charset.StandardCharsets;

/**
 * Where tokens are checked: an HS256 secret (ORDERS_JWT_SECRET, at least 32 bytes) or an issuer's JWK set
 * (ORDERS_JWT_ISSUER_URI). Only the embedded default (H2) may fall back to the documented development secret;
 * on any other database the service refuses to start without one of the two.
 */
public record JwtSettings(String secret, String issuerUri, boolean developmentSecret) {

    /** Documented in the README; valid only while the service runs on its embedded database. */
    public static final String DEVELOPMENT_SECRET = "orders-dev-secret-change-me-0123456789abcdef";

    public static JwtSettings from(Environment env) {
        String secret = env.getProperty("orders.jwt.secret", "").trim();
        String issuer = env.getProperty("orders.jwt.issuer-uri", "").trim();
        String url = env.getProperty("spring.datasource.url", "");
        if (!issuer.isEmpty()) {
            return new JwtSettings(null, issuer, false);
        }
        if (!secret.isEmpty()) {
            if (secret.getBytes(StandardCharsets.UTF_8).length < 32) {
                throw new IllegalStateException("ORDERS_JWT_SECRET must be at least 32 bytes");
            }
            return new JwtSettings(secret, null, secret.equals(DEVELOPMENT_SECRET));
        }
        if (url.startsWith("jdbc:h2:")) {
            return new JwtSettings(DEVELOPMENT_SECRET, null, true);
        }
        throw new IllegalStateException(
                "Set ORDERS_JWT_SECRET (HS256, at least 32 bytes) or ORDERS_JWT_ISSUER_URI: the development secret "
                        + "is only allowed on the embedded database");
    }
}
