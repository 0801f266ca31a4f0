package io.ordersvc.platform.security;

import io.ordersvc.shared.identity.Role;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The claims this service reads, checked before a token is accepted (the signature and the time window are checked
 * beside it, see {@link SecurityConfig#jwtDecoder}). A token that breaks one is refused with 401 and a
 * {@code WWW-Authenticate: Bearer error="invalid_token", error_description="..."} naming the claim:
 * <ul>
 *   <li>{@code sub}: present, 1 to 128 characters, no surrounding spaces, no control characters;</li>
 *   <li>{@code exp}: present, at most {@code orders.jwt.max-lifetime} (7 days) ahead of now plus the leeway;</li>
 *   <li>{@code roles}: a JSON array of strings (a lone string is refused: a list is what issuers send, and a string
 *       read as a one-element list would let a typo grant a role); unknown roles grant nothing;</li>
 *   <li>{@code shop_id}: a non-blank string of at most 64 characters when present, and present when the roles
 *       include {@code seller}.</li>
 * </ul>
 */
public final class IdentityClaims implements OAuth2TokenValidator<Jwt> {

    /** The clock leeway for {@code exp}, {@code nbf} and {@code iat}, as Spring's own timestamp validator uses. */
    public static final Duration LEEWAY = Duration.ofSeconds(60);

    private final Clock clock;
    private final Duration maxLifetime;

    public IdentityClaims(Clock clock, Duration maxLifetime) {
        this.clock = clock;
        this.maxLifetime = maxLifetime;
    }

    @Override
    public OAuth2TokenValidatorResult validate(Jwt jwt) {
        String problem = problem(jwt.getClaims());
        return problem == null ? OAuth2TokenValidatorResult.success()
                : OAuth2TokenValidatorResult.failure(new OAuth2Error("invalid_token", problem, null));
    }

    private String problem(Map<String, Object> claims) {
        if (!(claims.get("sub") instanceof String sub) || sub.isBlank()) {
            return "the sub claim is required: the caller's id";
        }
        if (sub.length() > 128 || !sub.strip().equals(sub) || sub.chars().anyMatch(Character::isISOControl)) {
            return "the sub claim must be 1 to 128 characters without surrounding spaces or control characters";
        }
        if (!(claims.get("exp") instanceof Instant exp)) {
            return "the exp claim is required";
        }
        if (exp.isAfter(clock.instant().plus(maxLifetime).plus(LEEWAY))) {
            return "the exp claim is more than " + maxLifetime.toHours() + " hours ahead";
        }
        Object roles = claims.get("roles");
        if (!(roles instanceof List<?> list) || !list.stream().allMatch(String.class::isInstance)) {
            return "the roles claim must be an array of strings";
        }
        Object shop = claims.get("shop_id");
        if (shop != null && (!(shop instanceof String s) || s.isBlank() || s.length() > 64)) {
            return "the shop_id claim must be a non-blank string of at most 64 characters";
        }
        if (shop == null && list.contains(Role.SELLER.claim())) {
            return "a seller's token needs a shop_id claim";
        }
        return null;
    }
}
