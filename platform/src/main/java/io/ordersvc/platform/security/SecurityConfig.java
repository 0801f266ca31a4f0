package io.ordersvc.platform.security;

import io.ordersvc.platform.web.ProblemWriter;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.convert.converter.Converter;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;
import org.springframework.web.filter.CorsFilter;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;


/**
 * Authentication: bearer JWTs, their roles claim as authorities. Which role may call which endpoint is declared on
 * the endpoint ({@code @RolesAllowed}, enforced by {@link EndpointRoles}); ownership (own order, own shop) is decided
 * by the domain, which answers 404 so a stranger cannot learn that an order exists.
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfig {

    private static final String API = "/api/v1";

    /**
     * Spring Security wraps every filter of the chain, the authentication and the authorization in an observation
     * when a registry is present, even with its observations turned off (they are then no-ops, made and closed for
     * every filter of every request): about 1 % of the service's CPU and 3 % of its allocation under load
     * (bench/README.md, session 49). Without these settings nothing is wrapped; HTTP request metrics stay.
     */
    @Bean
    SecurityObservationSettings noSecurityObservations() {
        return SecurityObservationSettings.noObservations();
    }

    @Bean
    JwtSettings jwtSettings(Environment env) {
        return JwtSettings.from(env);
    }

    /**
     * Verified tokens are remembered until they expire (CachingJwtDecoder), checked on the system clock like Spring's
     * own timestamp validator.
     */
    @Bean
    JwtDecoder jwtDecoder(JwtSettings settings, @Value("${orders.jwt.cache-size:10000}") int cacheSize,
                          @Value("${orders.jwt.max-lifetime:7d}") Duration maxLifetime) {
        NimbusJwtDecoder verifier;
        OAuth2TokenValidator<Jwt> window;
        if (settings.issuerUri() != null) {
            verifier = NimbusJwtDecoder.withIssuerLocation(settings.issuerUri()).build();
            window = JwtValidators.createDefaultWithIssuer(settings.issuerUri());
        } else {
            var key = new SecretKeySpec(settings.secret().getBytes(StandardCharsets.UTF_8), "HmacSHA256");
            verifier = NimbusJwtDecoder.withSecretKey(key).macAlgorithm(MacAlgorithm.HS256).build();
            window = JwtValidators.createDefault();
        }
        verifier.setJwtValidator(new DelegatingOAuth2TokenValidator<>(window,
                new IdentityClaims(Clock.systemUTC(), maxLifetime)));
        return cacheSize > 0 ? new CachingJwtDecoder(verifier, Clock.systemUTC(), cacheSize) : verifier;
    }

    /**
     * Cross-origin calls from browsers (a seller back-office on its own host): only from the origins configured in
     * {@code orders.cors.allowed-origins} (exact origins or patterns such as {@code https://*.example.com}), to the
     * API alone, with bearer tokens and never cookies. None configured: no cross-origin call is allowed, as before;
     * a refused one is {@code 403 CORS_ORIGIN_REFUSED} ({@link RefusedOrigins}).
     * Spring Security without a source of its own asked Spring MVC for every request's handler just to learn that
     * no handler declares CORS: 2.6 % of the service's CPU under load (bench/README.md, session 23).
     */
    static CorsConfigurationSource cors(List<String> allowedOrigins) {
        var source = new UrlBasedCorsConfigurationSource();
        List<String> origins = allowedOrigins.stream().map(String::strip).filter(o -> !o.isEmpty()).toList();
        if (!origins.isEmpty()) {
            var api = new CorsConfiguration();
            api.setAllowedOriginPatterns(origins);
            api.setAllowedMethods(List.of("GET", "POST", "PUT", "PATCH", "DELETE"));
            api.setAllowedHeaders(List.of("Authorization", "Content-Type", "Idempotency-Key", "X-Request-Id"));
            api.setExposedHeaders(List.of("Location", "X-Request-Id", "Idempotent-Replayed", "X-Read-Model-Stale",
                    "Retry-After", "WWW-Authenticate"));
            api.setAllowCredentials(false);
            api.setMaxAge(Duration.ofHours(1));
            source.registerCorsConfiguration(API + "/**", api);
        }
        return source;
    }

    @Bean
    SecurityFilterChain api(HttpSecurity http, ProblemWriter problems,
                            @Value("${orders.cors.allowed-origins:}") List<String> allowedOrigins,
                            @Qualifier("requestMappingHandlerMapping")
                            ObjectProvider<RequestMappingHandlerMapping> handlers)
            throws Exception {
        var corsFilter = new CorsFilter(cors(allowedOrigins));
        corsFilter.setCorsProcessor(new RefusedOrigins(problems));
        http.csrf(c -> c.disable())
                .cors(c -> c.disable())
                .addFilterAt(corsFilter, CorsFilter.class)
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(a -> a
                        .requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/prometheus",
                                "/actuator/info", "/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html",
                                "/swagger-ui/**", "/error", API + "/dev/tokens").permitAll()
                        .requestMatchers(API + "/**").access(new EndpointRoles(() -> handlers.getObject().getHandlerMethods()))
                        .anyRequest().denyAll())
                .oauth2ResourceServer(o -> o
                        .jwt(j -> j.jwtAuthenticationConverter(new RolesClaimConverter()))
                        .authenticationEntryPoint(unauthenticated(problems)))
                .exceptionHandling(e -> e
                        .authenticationEntryPoint(unauthenticated(problems))
                        .accessDeniedHandler((req, res, ex) ->
                                problems.write(req, res, HttpStatus.FORBIDDEN, "FORBIDDEN",
                                        "Your role may not do this")));
        return http.build();
    }

    /**
     * 401 as problem+json, with the {@code WWW-Authenticate} header of RFC 6750 (Spring's entry point sets it) that
     * says why a token was refused: which claim, expired, bad signature.
     */
    private static AuthenticationEntryPoint unauthenticated(ProblemWriter problems) {
        var bearer = new BearerTokenAuthenticationEntryPoint();
        return (req, res, ex) -> {
            bearer.commence(req, res, ex);
            // A token that failed a validator (IdentityClaims, expiry): its errors say which claim, in our words.
            String detail = ex.getCause() instanceof JwtValidationException invalid
                    ? "The bearer token was refused: " + invalid.getErrors().stream()
                            .map(OAuth2Error::getDescription).collect(Collectors.joining("; "))
                    : "A valid bearer token is required";
            problems.write(req, res, HttpStatus.UNAUTHORIZED, "UNAUTHENTICATED", detail);
        };
    }

    /** {@code roles: ["buyer"]} becomes authority {@code ROLE_buyer}; unknown roles grant nothing. */
    static final class RolesClaimConverter implements Converter<Jwt, AbstractAuthenticationToken> {
        private static final List<String> KNOWN = List.of("buyer", "seller", "admin", "system");

        @Override
        public AbstractAuthenticationToken convert(Jwt jwt) {
            List<String> roles = jwt.getClaimAsStringList("roles");
            Collection<GrantedAuthority> authorities = roles == null ? List.of() : roles.stream()
                    .filter(KNOWN::contains)
                    .<GrantedAuthority>map(r -> new SimpleGrantedAuthority("ROLE_" + r))
                    .toList();
            return new JwtAuthenticationToken(jwt, authorities, jwt.getSubject());
        }
    }
}
