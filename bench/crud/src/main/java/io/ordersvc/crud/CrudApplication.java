package io.ordersvc.crud;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.data.jpa.repository.config.EnableJpaRepositories;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.web.SecurityFilterChain;

import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/**
 * The bench's CRUD baseline: the order service's place → pay → ship → confirm receipt as a conventional Spring Boot
 * + JPA service. Same tokens (HS256, roles and shop_id claims, verified tokens cached like the service does), same
 * paths and JSON shapes, stock reserved by a conditional UPDATE, one log row per action. Not deployed.
 */
@SpringBootApplication
@EnableMethodSecurity(jsr250Enabled = true)
@EnableJpaRepositories(considerNestedRepositories = true)
public class CrudApplication {

    public static void main(String[] args) {
        SpringApplication.run(CrudApplication.class, args);
    }

    @Bean
    JwtDecoder jwtDecoder(@Value("${orders.jwt.secret}") String secret) {
        var key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
        JwtDecoder verifier = NimbusJwtDecoder.withSecretKey(key).macAlgorithm(MacAlgorithm.HS256).build();
        Cache<String, Jwt> verified = Caffeine.newBuilder().maximumSize(10_000)
                .expireAfterWrite(Duration.ofMinutes(5)).build();
        return token -> {
            Jwt jwt = verified.get(token, verifier::decode);
            if (jwt.getExpiresAt() != null && jwt.getExpiresAt().isBefore(java.time.Instant.now())) {
                verified.invalidate(token);
                return verifier.decode(token); // refused as expired
            }
            return jwt;
        };
    }

    @Bean
    SecurityFilterChain api(HttpSecurity http) throws Exception {
        http.csrf(c -> c.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(a -> a.requestMatchers("/actuator/health").permitAll()
                        .anyRequest().authenticated())
                .oauth2ResourceServer(o -> o.jwt(j -> j.jwtAuthenticationConverter(CrudApplication::authentication)));
        return http.build();
    }

    private static AbstractAuthenticationToken authentication(Jwt jwt) {
        List<String> roles = jwt.getClaimAsStringList("roles");
        return new JwtAuthenticationToken(jwt, roles == null ? List.of()
                : roles.stream().map(r -> new SimpleGrantedAuthority("ROLE_" + r)).toList(), jwt.getSubject());
    }
}
