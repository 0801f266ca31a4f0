package io.ordersvc.platform.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.nio.charset.Charset;

/**
 * A request's Content-Type must be one concrete media type with a charset Java knows: {@code application/*},
 * {@code *}{@code /*}, an unparsable type or an unknown charset are 415 here, before Spring MVC, which would fail on
 * them with an IllegalArgumentException (a 500) deep inside reading the body.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
public class ContentTypeFilter extends OncePerRequestFilter {

    private final ProblemWriter problems;

    public ContentTypeFilter(ProblemWriter problems) {
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getContentType();
        String problem = header == null ? null : problem(header);
        if (problem != null) {
            problems.write(request, response, HttpStatus.UNSUPPORTED_MEDIA_TYPE, "UNSUPPORTED_MEDIA_TYPE", problem);
            return;
        }
        chain.doFilter(request, response);
    }

    static String problem(String header) {
        MediaType type;
        try {
            type = MediaType.parseMediaType(header);
        } catch (InvalidMediaTypeException e) {
            return "The Content-Type header is not a valid media type; send application/json";
        }
        if (type.isWildcardType() || type.isWildcardSubtype()) {
            return "The Content-Type header must name one media type, not a wildcard; send application/json";
        }
        String charset = type.getParameter("charset");
        if (charset != null) {
            try {
                Charset.forName(charset.replace("\"", ""));
            } catch (IllegalArgumentException unknown) {
                return "The Content-Type header names an unknown charset; send UTF-8";
            }
        }
        return null;
    }
}
