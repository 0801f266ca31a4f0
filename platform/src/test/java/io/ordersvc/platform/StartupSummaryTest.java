package io.ordersvc.platform;

import io.ordersvc.platform.security.JwtSettings;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class StartupSummaryTest {

    @Test
    void the_embedded_default_says_where_its_data_is_and_that_development_tokens_are_on() {
        var env = new MockEnvironment().withProperty("local.server.port", "8080")
                .withProperty("spring.datasource.url", "jdbc:h2:file:./data/orders;MODE=PostgreSQL");
        String line = new StartupSummary(env, JwtSettings.from(env)).line();
        assertThat(line).contains("http://localhost:8080/api/v1", "http://localhost:8080/swagger-ui.html",
                "embedded H2, data in " + Path.of("data").toAbsolutePath(), "development secret ON",
                "/api/v1/dev/tokens");
    }

    @Test
    void postgres_is_named_without_credentials_and_development_tokens_are_off() {
        var env = new MockEnvironment().withProperty("server.port", "8081")
                .withProperty("spring.datasource.url", "jdbc:postgresql://app:s3cret@db:5432/orders")
                .withProperty("orders.jwt.secret", "a-real-secret-of-at-least-32-bytes!!");
        String line = new StartupSummary(env, JwtSettings.from(env)).line();
        assertThat(line).contains("jdbc:postgresql://db:5432/orders", "tokens signed with ORDERS_JWT_SECRET")
                .doesNotContain("s3cret", "dev/tokens");
    }
}
