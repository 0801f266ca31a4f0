package io.ordersvc.platform;

import io.ordersvc.platform.security.JwtSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

import java.nio.file.Path;

/**
 * One line, once the service is ready, that tells a first-time user where they are: the URL, Swagger UI, the
 * database (and the data directory of the embedded one), and whether the development secret and its token
 * endpoint are on.
 */
@Component
class StartupSummary {

    private static final Logger log = LoggerFactory.getLogger(StartupSummary.class);

    private final Environment env;
    private final JwtSettings jwt;

    StartupSummary(Environment env, JwtSettings jwt) {
        this.env = env;
        this.jwt = jwt;
    }

    @EventListener(ApplicationReadyEvent.class)
    void ready() {
        log.info(line());
    }

    String line() {
        String base = "http://localhost:" + env.getProperty("local.server.port", env.getProperty("server.port", "8080"));
        String url = env.getProperty("spring.datasource.url", "");
        String database = url.startsWith("jdbc:h2:file:") ? "embedded H2, data in "
                + Path.of(url.substring("jdbc:h2:file:".length()).split(";")[0]).toAbsolutePath().normalize()
                .getParent() : url.replaceAll("//[^/@]*@", "//");
        String tokens = jwt.developmentSecret()
                ? "development secret ON, tokens from POST " + base + "/api/v1/dev/tokens (embedded use only)"
                : jwt.issuerUri() != null ? "tokens from issuer " + jwt.issuerUri() : "tokens signed with ORDERS_JWT_SECRET";
        return "Order service ready at " + base + "/api/v1 | Swagger UI " + base + "/swagger-ui.html | database: "
                + database + " | " + tokens;
    }
}
