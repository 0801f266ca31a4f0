package io.ordersvc.platform.security;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.cors.CorsConfiguration;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** orders.cors.allowed-origins: which requests get a CORS configuration, and what it allows. */
class CorsSettingsTest {

    private static CorsConfiguration configurationFor(List<String> origins, String path) {
        return SecurityConfig.cors(origins).getCorsConfiguration(new MockHttpServletRequest("GET", path));
    }

    @Test
    void no_origin_configured_allows_none() {
        assertThat(configurationFor(List.of(), "/api/v1/orders")).isNull();
        assertThat(configurationFor(List.of(" ", ""), "/api/v1/orders")).isNull();
    }

    @Test
    void configured_origins_reach_the_api_alone_without_credentials() {
        CorsConfiguration api = configurationFor(List.of(" https://admin.example.com", "https://*.shops.example.com"),
                "/api/v1/orders/42");
        assertThat(api.checkOrigin("https://admin.example.com")).isEqualTo("https://admin.example.com");
        assertThat(api.checkOrigin("https://north.shops.example.com")).isEqualTo("https://north.shops.example.com");
        assertThat(api.checkOrigin("https://evil.example.com")).isNull();
        assertThat(api.checkOrigin("http://admin.example.com")).isNull();
        assertThat(api.getAllowCredentials()).isFalse();
        assertThat(api.getAllowedHeaders()).contains("Authorization", "Idempotency-Key", "X-Request-Id");
        assertThat(api.getExposedHeaders()).contains("Location", "X-Request-Id", "Idempotent-Replayed");
        assertThat(configurationFor(List.of("https://admin.example.com"), "/actuator/prometheus")).isNull();
    }
}
