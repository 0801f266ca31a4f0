package io.ordersvc.platform.security;

import jakarta.annotation.security.RolesAllowed;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.context.support.StaticWebApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

class EndpointRolesTest {

    @RestController
    @RequestMapping("/api/v1/things")
    static class Things {
        @PostMapping
        @RolesAllowed({"buyer"})
        void create() {
        }

        @GetMapping("/{id}")
        void read() {
        }

        @PostMapping("/{id}/approve")
        @RolesAllowed({"seller", "admin"})
        void approve() {
        }

        @GetMapping("/special")
        @RolesAllowed({"admin"})
        void special() {
        }
    }

    @RestController
    @RolesAllowed({"system"})
    static class Internal {
        @PostMapping("/api/v1/internal/{id}")
        void call() {
        }
    }

    private final EndpointRoles roles = new EndpointRoles(() -> {
        var context = new StaticWebApplicationContext();
        context.registerSingleton("things", Things.class);
        context.registerSingleton("internal", Internal.class);
        var mapping = new RequestMappingHandlerMapping();
        mapping.setApplicationContext(context);
        mapping.afterPropertiesSet();
        return mapping.getHandlerMethods();
    });

    @Test
    void an_annotated_endpoint_admits_only_its_roles() {
        assertThat(allowed("POST", "/api/v1/things", "buyer")).isTrue();
        assertThat(allowed("POST", "/api/v1/things", "seller")).isFalse();
        assertThat(allowed("POST", "/api/v1/things/42/approve", "admin")).isTrue();
        assertThat(allowed("POST", "/api/v1/things/42/approve", "buyer")).isFalse();
    }

    @Test
    void the_roles_of_a_controller_apply_to_its_methods() {
        assertThat(allowed("POST", "/api/v1/internal/7", "system")).isTrue();
        assertThat(allowed("POST", "/api/v1/internal/7", "admin")).isFalse();
    }

    @Test
    void a_literal_path_wins_over_a_pattern_that_also_matches_it() {
        assertThat(allowed("GET", "/api/v1/things/special", "buyer")).isFalse();
        assertThat(allowed("GET", "/api/v1/things/special", "admin")).isTrue();
        assertThat(allowed("GET", "/api/v1/things/other", "buyer")).isTrue();
    }

    @Test
    void an_endpoint_without_roles_admits_any_signed_in_caller_and_no_anonymous_one() {
        assertThat(allowed("GET", "/api/v1/things/42", "buyer")).isTrue();
        assertThat(allowed("GET", "/api/v1/nothing-here", "seller")).isTrue(); // then 404
        var anonymous = new AnonymousAuthenticationToken("k", "anonymous",
                AuthorityUtils.createAuthorityList("ROLE_ANONYMOUS"));
        assertThat(check("GET", "/api/v1/things/42", anonymous)).isFalse();
    }

    private boolean allowed(String verb, String path, String role) {
        var caller = new TestingAuthenticationToken("u", "p", "ROLE_" + role);
        return check(verb, path, caller);
    }

    private boolean check(String verb, String path, Authentication caller) {
        var request = new MockHttpServletRequest(verb, path);
        return roles.authorize(() -> caller, new RequestAuthorizationContext(request)).isGranted();
    }
}
