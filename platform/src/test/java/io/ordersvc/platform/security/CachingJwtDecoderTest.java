package io.ordersvc.platform.security;

import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CachingJwtDecoderTest {

    static final String SECRET = "caching-decoder-test-secret-0123456789abcdef";
    final TokenMinter minter = new TokenMinter(SECRET);
    final AtomicInteger verifications = new AtomicInteger();
    final JwtDecoder nimbus = NimbusJwtDecoder.withSecretKey(
            new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"))
            .macAlgorithm(MacAlgorithm.HS256).build();
    final JwtDecoder counting = token -> {
        verifications.incrementAndGet();
        return nimbus.decode(token);
    };

    static Clock at(Instant now) {
        return Clock.fixed(now, ZoneOffset.UTC);
    }

    @Test
    void a_token_is_verified_once_and_then_served_until_it_expires() {
        Instant now = Instant.now();
        String token = minter.mint("buyer-1", List.of("buyer"), null, Duration.ofMinutes(10), now);
        CachingJwtDecoder decoder = new CachingJwtDecoder(counting, at(now), 100);

        Jwt first = decoder.decode(token);
        Jwt second = decoder.decode(token);

        assertThat(second).isSameAs(first);
        assertThat(second.getSubject()).isEqualTo("buyer-1");
        assertThat(verifications.get()).isEqualTo(1);
    }

    @Test
    void past_its_expiry_a_remembered_token_goes_back_to_the_verifier() {
        Instant now = Instant.now();
        Jwt tenMinutes = Jwt.withTokenValue("t").header("alg", "HS256").subject("buyer-1")
                .issuedAt(now).expiresAt(now.plus(Duration.ofMinutes(10))).build();
        JwtDecoder stub = token -> {
            verifications.incrementAndGet();
            return tenMinutes;
        };
        AtomicReference<Instant> clock = new AtomicReference<>(now);
        CachingJwtDecoder decoder = new CachingJwtDecoder(stub, new Clock() {
            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return clock.get();
            }
        }, 100);

        decoder.decode("t");
        clock.set(now.plus(Duration.ofMinutes(9)));
        decoder.decode("t");
        assertThat(verifications.get()).isEqualTo(1);

        clock.set(now.plus(Duration.ofMinutes(10)));
        decoder.decode("t");
        assertThat(verifications.get()).isEqualTo(2);
        assertThat(decoder.size()).isZero();
    }

    @Test
    void a_tampered_token_is_refused_every_time_and_never_remembered() {
        Instant now = Instant.now();
        String token = minter.mint("buyer-1", List.of("buyer"), null, Duration.ofMinutes(10), now);
        String forged = token.substring(0, token.length() - 2) + (token.endsWith("AA") ? "BB" : "AA");
        CachingJwtDecoder decoder = new CachingJwtDecoder(counting, at(now), 100);

        assertThatThrownBy(() -> decoder.decode(forged)).isInstanceOf(JwtException.class);
        assertThatThrownBy(() -> decoder.decode(forged)).isInstanceOf(JwtException.class);
        assertThat(verifications.get()).isEqualTo(2);
        assertThat(decoder.size()).isZero();
    }

    @Test
    void the_cache_stays_within_its_capacity() {
        Instant now = Instant.now();
        CachingJwtDecoder decoder = new CachingJwtDecoder(counting, at(now), 3);
        for (int i = 0; i < 10; i++) {
            decoder.decode(minter.mint("buyer-" + i, List.of("buyer"), null, Duration.ofMinutes(10), now));
        }
        assertThat(decoder.size()).isLessThanOrEqualTo(3);
    }
}
