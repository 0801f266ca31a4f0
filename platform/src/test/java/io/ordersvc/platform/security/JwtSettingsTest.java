package io.ordersvc.platform.security;

import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JwtSettingsTest {

    static final String POSTGRES = "jdbc:postgresql://localhost:5432/orders";
    static final String H2 = "jdbc:h2:file:./data/orders";

    @Test
    void the_embedded_default_falls_back_to_the_documented_development_secret() {
        JwtSettings s = JwtSettings.from(new MockEnvironment().withProperty("spring.datasource.url", H2));
        assertThat(s.secret()).isEqualTo(JwtSettings.DEVELOPMENT_SECRET);
        assertThat(s.developmentSecret()).isTrue();
    }

    @Test
    void postgresql_without_a_secret_or_issuer_refuses_to_start() {
        assertThatThrownBy(() -> JwtSettings.from(new MockEnvironment().withProperty("spring.datasource.url", POSTGRES)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("ORDERS_JWT_SECRET");
    }

    @Test
    void a_configured_secret_must_have_at_least_32_bytes() {
        assertThatThrownBy(() -> JwtSettings.from(new MockEnvironment()
                .withProperty("spring.datasource.url", POSTGRES).withProperty("orders.jwt.secret", "short")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("32 bytes");
        JwtSettings s = JwtSettings.from(new MockEnvironment().withProperty("spring.datasource.url", POSTGRES)
                .withProperty("orders.jwt.secret", "a-production-secret-of-enough-length!"));
        assertThat(s.developmentSecret()).isFalse();
    }

    @Test
    void an_issuer_takes_precedence_over_a_secret() {
        JwtSettings s = JwtSettings.from(new MockEnvironment().withProperty("spring.datasource.url", POSTGRES)
                .withProperty("orders.jwt.issuer-uri", "https://id.example.com/realms/shop")
                .withProperty("orders.jwt.secret", "a-production-secret-of-enough-length!"));
        assertThat(s.issuerUri()).isEqualTo("https://id.example.com/realms/shop");
        assertThat(s.secret()).isNull();
    }
}
