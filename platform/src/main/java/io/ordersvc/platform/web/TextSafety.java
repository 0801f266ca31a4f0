package io.ordersvc.platform.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.JacksonModule;
import tools.jackson.databind.deser.jdk.StringDeserializer;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.module.SimpleModule;

import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * Control characters (U+0000 to U+001F except tab, line feed and carriage return) are noise in an order, and
 * PostgreSQL cannot even store U+0000 in text: refuse them at the door, in JSON bodies and in query parameters,
 * instead of failing later in a projection.
 */
@Configuration(proxyBeanMethods = false)
public class TextSafety {

    static boolean hasControlCharacter(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
                return true;
            }
        }
        return false;
    }

    /** Every string Jackson reads from a request body passes this check. */
    @Bean
    JacksonModule controlCharacterModule() {
        return new SimpleModule("control-characters").addDeserializer(String.class, new StringDeserializer() {
            @Override
            public String deserialize(JsonParser p, DeserializationContext ctxt) {
                String value = super.deserialize(p, ctxt);
                if (value != null && p.currentToken() == JsonToken.VALUE_STRING && hasControlCharacter(value)) {
                    throw InvalidFormatException.from(p, "text must not contain control characters", value,
                            String.class);
                }
                return value;
            }
        });
    }

    @Component
    @Order(Ordered.HIGHEST_PRECEDENCE + 2)
    static class QueryParameterFilter extends OncePerRequestFilter {
        private final ProblemWriter problems;

        QueryParameterFilter(ProblemWriter problems) {
            this.problems = problems;
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            if (request.getQueryString() != null) {
                for (Map.Entry<String, String[]> parameter : request.getParameterMap().entrySet()) {
                    if (hasControlCharacter(parameter.getKey())
                            || List.of(parameter.getValue()).stream().anyMatch(TextSafety::hasControlCharacter)) {
                        problems.write(request, response, HttpStatus.BAD_REQUEST, "VALIDATION_FAILED",
                                "Parameter '" + parameter.getKey() + "' contains control characters");
                        return;
                    }
                }
            }
            chain.doFilter(request, response);
        }
    }
}
