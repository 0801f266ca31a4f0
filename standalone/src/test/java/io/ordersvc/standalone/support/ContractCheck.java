package io.ordersvc.standalone.support;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Holds the service to its own OpenAPI document: every exchange an integration test makes is validated against
 * the live {@code /v3/api-docs} of the instance it talked to (Atlassian's swagger-request-validator). A response must
 * always match the document; a request must match whenever the service accepted it (2xx), since a request it
 * refused may be wrong on purpose. Any violation fails the test that made the exchange.
 */
final class ContractCheck {

    private static final Map<String, OpenApiInteractionValidator> VALIDATORS = new ConcurrentHashMap<>();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    static final boolean REPORT_ONLY = Boolean.getBoolean("orders.contract.report-only");

    private ContractCheck() {
    }

    static void check(String base, String method, String path, String requestBody, Map<String, String> headers,
                      int status, String contentType, String responseBody) {
        if (path.startsWith("/v3/") || path.startsWith("/actuator") || path.startsWith("/swagger-ui")
                || "OPTIONS".equals(method)) { // a CORS preflight is no operation of the API
            return;
        }
        OpenApiInteractionValidator validator = VALIDATORS.computeIfAbsent(base, ContractCheck::load);
        URI uri = URI.create(base + path);
        var request = new SimpleRequest.Builder(Request.Method.valueOf(method), uri.getRawPath());
        if (uri.getRawQuery() != null) {
            for (String pair : uri.getRawQuery().split("&")) {
                String[] kv = pair.split("=", 2);
                request.withQueryParam(decode(kv[0]), kv.length > 1 ? decode(kv[1]) : "");
            }
        }
        headers.forEach((name, value) -> {
            if (!name.equalsIgnoreCase("Content-Type")) {
                request.withHeader(name, value);
            }
        });
        if (requestBody != null) {
            request.withBody(requestBody).withContentType(headers.entrySet().stream()
                    .filter(h -> h.getKey().equalsIgnoreCase("Content-Type")).map(Map.Entry::getValue).findFirst()
                    .orElse("application/json"));
        }
        var response = SimpleResponse.Builder.status(status).withBody(responseBody);
        if (contentType != null) {
            response.withContentType(contentType);
        }
        ValidationReport report = status >= 200 && status < 300
                ? validator.validate(request.build(), response.build())
                : validator.validateResponse(uri.getRawPath(), Request.Method.valueOf(method), response.build());
        report = ValidationReport.from(report.getMessages().stream()
                .filter(m -> !m.getKey().endsWith("parameter.query.unexpected")).toList());
        if (report.hasErrors()) {
            String message = method + " " + path + " -> " + status + " breaks the OpenAPI document:\n"
                    + report.getMessages().stream().map(m -> "  " + m.getKey() + ": " + m.getMessage())
                    .reduce((a, b) -> a + "\n" + b).orElse("");
            if (REPORT_ONLY) {
                try {
                    Files.writeString(Path.of("target/contract-violations.txt"), message + "\n",
                            StandardOpenOption.CREATE, StandardOpenOption.APPEND);
                } catch (Exception ignored) {
                    // reporting only
                }
            } else {
                throw new AssertionError(message);
            }
        }
    }

    private static String decode(String s) {
        return java.net.URLDecoder.decode(s, java.nio.charset.StandardCharsets.UTF_8);
    }

    private static OpenApiInteractionValidator load(String base) {
        try {
            String spec = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/v3/api-docs")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            return OpenApiInteractionValidator.createForInlineApiSpecification(spec)
                    .withLevelResolver(LevelResolver.create()
                            // paths the document does not have (a test of an unknown path) are not the document's
                            .withLevel("validation.request.path.missing", ValidationReport.Level.IGNORE)
                            .withLevel("validation.response.path.missing", ValidationReport.Level.IGNORE)
                            // the service ignores query parameters it does not know, as HTTP APIs do
                            .withLevel("validation.request.parameter.query.unexpected", ValidationReport.Level.IGNORE)
                            // a test of a verb a path does not have (answered 405)
                            .withLevel("validation.request.operation.notAllowed", ValidationReport.Level.IGNORE)
                            // JSON Schema allows fields a schema does not name (the service ignores them); this
                            // validator refuses them unless told otherwise
                            .withLevel("validation.request.body.schema.additionalProperties",
                                    ValidationReport.Level.IGNORE)
                            // an empty optional query value (order_id=) is read as absent by the service
                            .withLevel("validation.request.parameter.missing", ValidationReport.Level.IGNORE)
                            .build())
                    .build();
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the OpenAPI document of " + base, e);
        }
    }

    static List<String> ignoredHeaders() {
        return List.of();
    }
}
