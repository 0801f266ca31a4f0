package io.ordersvc.platform.security;

import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

class IdentityClaimsTest {

    static final Instant NOW = Instant.parse("2026-12-01T00:00:00Z");
    final IdentityClaims claims = new IdentityClaims(Clock.fixed(NOW, ZoneOffset.UTC), Duration.ofDays(7));

    private OAuth2TokenValidatorResult check(Consumer<Map<String, Object>> change) {
        Jwt.Builder jwt = Jwt.withTokenValue("t").header("alg", "HS256")
                .claims(c -> {
                    c.put("sub", "seller-1");
                    c.put("exp", NOW.plusSeconds(3600));
                    c.put("roles", List.of("seller"));
                    c.put("shop_id", "shop-a");
                    change.accept(c);
                });
        return claims.validate(jwt.build());
    }

    private void refused(String claim, Consumer<Map<String, Object>> change) {
        OAuth2TokenValidatorResult result = check(change);
        assertThat(result.hasErrors()).as(claim).isTrue();
        assertThat(result.getErrors()).singleElement().satisfies(e -> {
            assertThat(e.getErrorCode()).isEqualTo("invalid_token");
            assertThat(e.getDescription()).contains(claim);
        });
    }

    @Test
    void a_well_formed_token_passes() {
        assertThat(check(c -> { }).hasErrors()).isFalse();
        assertThat(check(c -> c.put("exp", NOW.plus(Duration.ofDays(7)).plusSeconds(60))).hasErrors()).isFalse();
        assertThat(check(c -> c.put("roles", List.of("guest"))).hasErrors()).isFalse(); // grants nothing, later 403
        assertThat(check(c -> { c.put("roles", List.of("buyer")); c.remove("shop_id"); }).hasErrors()).isFalse();
    }

    @Test
    void sub_is_required_and_clean() {
        refused("sub", c -> c.remove("sub"));
        refused("sub", c -> c.put("sub", ""));
        refused("sub", c -> c.put("sub", "  "));
        refused("sub", c -> c.put("sub", "a "));
        refused("sub", c -> c.put("sub", "a\u0085b"));
        refused("sub", c -> c.put("sub", "x".repeat(129)));
    }

    @Test
    void exp_is_required_and_bounded() {
        refused("exp", c -> c.remove("exp"));
        refused("exp", c -> c.put("exp", NOW.plus(Duration.ofDays(7)).plusSeconds(61)));
    }

    @Test
    void roles_are_an_array_of_strings() {
        refused("roles", c -> c.remove("roles"));
        refused("roles", c -> c.put("roles", "admin"));
        refused("roles", c -> c.put("roles", List.of("admin", 1)));
    }

    @Test
    void shop_id_is_a_string_and_a_seller_has_one() {
        refused("shop_id", c -> c.remove("shop_id"));
        refused("shop_id", c -> c.put("shop_id", true));
        refused("shop_id", c -> c.put("shop_id", List.of("shop-a")));
        refused("shop_id", c -> c.put("shop_id", Map.of("id", "shop-a")));
        refused("shop_id", c -> c.put("shop_id", " "));
        refused("shop_id", c -> c.put("shop_id", "s".repeat(65)));
    }
}
