package io.ordersvc.platform.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.json.ProblemDetailJacksonMixin;
import org.springframework.stereotype.Component;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;

/**
 * API.md's problem+json as Spring's {@link ProblemDetail}: {@code type}, {@code title}, {@code status},
 * {@code detail}, {@code instance}, and the properties {@code code} and (validation) {@code errors}. Built here for
 * the exception advice, the security and web filters, the error controller and Tomcat's error valve alike.
 */
@Component
public class ProblemWriter {

    public static final String MEDIA_TYPE = "application/problem+json";
    /** The request attribute that holds the code of the problem answered to it, for filters that act on it. */
    public static final String CODE_ATTRIBUTE = ProblemWriter.class.getName() + ".code";
    /** Another change to the same resource won: nothing about the request itself was wrong. */
    public static final String CONCURRENT_MODIFICATION = "CONCURRENT_MODIFICATION";
    /** For writers outside Spring (Tomcat's valve): plain Jackson with Spring's ProblemDetail mapping. */
    private static final ObjectMapper STANDALONE = JsonMapper.builder()
            .addMixIn(ProblemDetail.class, ProblemDetailJacksonMixin.class).build();

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(ProblemWriter.class);

    private final ObjectMapper json;

    public ProblemWriter(ObjectMapper json) {
        this.json = json;
    }

    public record FieldProblem(String field, String message) {
    }

    public static ProblemDetail problem(HttpServletRequest request, HttpStatusCode status, String code,
                                        String detail, List<FieldProblem> errors) {
        if (request != null) {
            request.setAttribute(CODE_ATTRIBUTE, code);
            if (status.is4xxClientError()) { // one line: the client's mistake, not the service's
                log.info("{} {} answered {} {}", request.getMethod(), request.getRequestURI(), status.value(), code);
            }
        }
        return problem(request == null ? null : request.getRequestURI(), status, code, detail, errors);
    }

    public static ProblemDetail problem(String instance, HttpStatusCode status, String code, String detail,
                                        List<FieldProblem> errors) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create("https://ordersvc.io/problems/"
                + code.toLowerCase(Locale.ROOT).replace('_', '-')));
        HttpStatus known = HttpStatus.resolve(status.value());
        problem.setTitle(known != null ? known.getReasonPhrase() : "Error");
        problem.setInstance(uri(instance));
        problem.setProperty("code", code);
        if (errors != null && !errors.isEmpty()) {
            problem.setProperty("errors", errors);
        }
        return problem;
    }

    public void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String code,
                      String detail) throws IOException {
        response.setStatus(status.value());
        response.setContentType(MEDIA_TYPE);
        response.setCharacterEncoding("UTF-8");
        json.writeValue(response.getOutputStream(), problem(request, status, code, detail, null));
    }

    /** For Tomcat's error valve, which runs outside Spring. */
    static void writeStandalone(OutputStream out, ProblemDetail problem) {
        STANDALONE.writeValue(out, problem);
    }

    static String writeStandalone(ProblemDetail problem) {
        return STANDALONE.writeValueAsString(problem);
    }

    /** The request's path as sent; one that is not a valid URI (Tomcat lets some through) is quoted instead. */
    private static URI uri(String path) {
        if (path == null) {
            return null;
        }
        try {
            return new URI(path);
        } catch (URISyntaxException e) {
            try {
                return new URI(null, null, path, null);
            } catch (URISyntaxException unquotable) {
                return null;
            }
        }
    }
}
