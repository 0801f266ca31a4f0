package io.ordersvc.platform.security;

import io.ordersvc.platform.web.ProblemWriter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.DefaultCorsProcessor;

import java.io.IOException;

/**
 * Spring's CORS checks, with a refusal answered like every other one: {@code 403 CORS_ORIGIN_REFUSED} as
 * problem+json, not Spring's plain-text "Invalid CORS request".
 */
final class RefusedOrigins extends DefaultCorsProcessor {

    static final String CODE = "CORS_ORIGIN_REFUSED";

    private final ProblemWriter problems;

    RefusedOrigins(ProblemWriter problems) {
        this.problems = problems;
    }

    @Override
    public boolean processRequest(CorsConfiguration config, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        if (super.processRequest(config, request, response)) {
            return true;
        }
        problems.write(request, response, HttpStatus.FORBIDDEN, CODE,
                "Browsers may not call the API from origin " + request.getHeader("Origin")
                        + " (or with that method or those headers)");
        return false;
    }

    /** {@link #processRequest} writes the refusal. */
    @Override
    protected void rejectRequest(ServerHttpResponse response) {
    }
}
