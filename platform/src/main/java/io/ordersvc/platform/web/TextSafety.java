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
 * The text policy, one for every string a request carries (JSON bodies and query parameters), checked at the door
 * instead of failing later in a projection (PostgreSQL cannot even store U+0000). Refused anywhere:
 * <ul>
 *   <li>control characters: U+0000 to U+001F except tab, line feed and carriage return; DEL U+007F; the C1 controls
 *       U+0080 to U+009F (NEL among them);</li>
 *   <li>bidirectional embeddings, overrides and isolates (U+202A to U+202E, U+2066 to U+2069), which make a name
 *       display as something else ("Trojan Source"); the plain marks U+200E and U+200F stay allowed;</li>
 *   <li>a surrogate without its pair (not a character at all) and the noncharacters U+FFFE and U+FFFF.</li>
 * </ul>
 * Fields that hold one line (names, phone numbers, address parts, codes) are marked
 * {@link io.ordersvc.platform.web.validation.SingleLine} and refuse line breaks and tabs as well; remarks, reasons
 * and review texts may span lines. URLs are {@link io.ordersvc.platform.web.validation.WebUrl}: https only.
 */
@Configuration(proxyBeanMethods = false)
public class TextSafety {

    static final String RULE = "must not contain control characters, direction overrides or broken surrogates";

    static boolean hasControlCharacter(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || (c >= 0x7F && c <= 0x9F)
                    || (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069) || c == 0xFFFE || c == 0xFFFF) {
                return true;
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                } else {
                    return true;
                }
            } else if (Character.isLowSurrogate(c)) {
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
                    throw InvalidFormatException.from(p, RULE, value,
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
                                "Parameter '" + parameter.getKey() + "' " + RULE);
                        return;
                    }
                }
            }
            chain.doFilter(request, response);
        }
    }
}
