package io.ordersvc.platform.security;

import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers tokens it has already verified, until they expire. A client sends the same token with every request;
 * parsing and verifying it again each time was about a tenth of a command's CPU (bench/README.md). The key is the
 * whole token, signature included, so only the exact string that passed verification is ever accepted from here.
 * Tokens without an expiry and rejected tokens are never remembered. Bounded: when full, it starts over.
 */
public class CachingJwtDecoder implements JwtDecoder {

    private final JwtDecoder verifier;
    private final Clock clock;
    private final int capacity;
    private final Map<String, Jwt> verified = new ConcurrentHashMap<>();

    public CachingJwtDecoder(JwtDecoder verifier, Clock clock, int capacity) {
        this.verifier = verifier;
        this.clock = clock;
        this.capacity = capacity;
    }

    @Override
    public Jwt decode(String token) throws JwtException {
        Jwt known = verified.get(token);
        Instant now = clock.instant();
        if (known != null) {
            if (now.isBefore(known.getExpiresAt())) {
                return known;
            }
            verified.remove(token);
        }
        Jwt jwt = verifier.decode(token);
        if (jwt.getExpiresAt() != null && now.isBefore(jwt.getExpiresAt())) {
            if (verified.size() >= capacity) {
                verified.clear();
            }
            verified.put(token, jwt);
        }
        return jwt;
    }

    int size() {
        return verified.size();
    }
}
