package io.ordersvc.platform.security;

import io.ordersvc.shared.error.Refusal;
import io.ordersvc.shared.identity.Actor;
import io.ordersvc.shared.identity.Role;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * The caller as the domain sees it, from the token alone. A token with several roles acts with the most
 * privileged one (admin over system over seller over buyer).
 */
@Component
public class CurrentActor {

    private static final List<Role> PRECEDENCE = List.of(Role.ADMIN, Role.SYSTEM, Role.SELLER, Role.BUYER);

    public Actor get() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth == null || !(auth.getPrincipal() instanceof Jwt jwt)) {
            throw Refusal.forbidden("no authenticated caller");
        }
        List<String> roles = jwt.getClaimAsStringList("roles");
        Role role = PRECEDENCE.stream()
                .filter(r -> roles != null && roles.contains(r.claim()))
                .findFirst()
                .orElseThrow(() -> Refusal.forbidden("the token carries no known role"));
        String shopId = jwt.hasClaim("shop_id") ? String.valueOf(jwt.getClaims().get("shop_id")) : null;
        if (role == Role.SELLER && (shopId == null || shopId.isBlank())) {
            throw Refusal.forbidden("a seller token needs a shop_id claim");
        }
        return new Actor(jwt.getSubject(), role, shopId);
    }
}
