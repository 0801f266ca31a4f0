package io.ordersvc.platform.web;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import io.swagger.v3.core.jackson.ModelResolver;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springdoc.core.customizers.PropertyCustomizer;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.List;

@Configuration(proxyBeanMethods = false)
public class OpenApiConfig {

    @Bean
    OpenAPI orderServiceOpenApi() {
        return new OpenAPI()
                .info(new Info().title("Order service API").version("v1")
                        .description("Event-sourced order backend: catalog, orders, read models. Money is a string "
                                + "with two decimals, times are ISO-8601 UTC, errors are application/problem+json "
                                + "with a stable code.")
                        .license(new License().name("Apache-2.0").url("https://www.apache.org/licenses/LICENSE-2.0")))
                .components(new Components()
                        .addSecuritySchemes("bearer", new SecurityScheme()
                                .type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT"))
                        )
                .addSecurityItem(new SecurityRequirement().addList("bearer"))
                // Relative: the document is the same wherever the service runs (and equal to docs/openapi.json).
                .servers(List.of(new io.swagger.v3.oas.models.servers.Server().url("/")
                        .description("the service that serves this document")));
    }

    /**
     * The wire format is snake_case (spring.jackson.property-naming-strategy), but springdoc resolves schemas with
     * swagger-core's own Jackson 2 mapper: without this the document would show camelCase fields.
     */
    @Bean
    ModelResolver snakeCaseModelResolver() {
        return new ModelResolver(Json.mapper().copy().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE));
    }

    /**
     * Every API operation documents the problem+json answers the contract promises: the common ones (400, 401, 403,
     * 413, 415, 500, 503) here, and its own refusals (404, 409, 422) from its {@link ProblemCodes}, each code with an
     * example. A write without declared codes still documents 409 CONCURRENT_MODIFICATION.
     */
    @Bean
    OperationCustomizer problemResponses() {
        return (operation, handler) -> {
            ProblemCodes codes = handler.getMethodAnnotation(ProblemCodes.class);
            var responses = operation.getResponses();
            List<String> bad = new java.util.ArrayList<>(List.of("VALIDATION_FAILED", "MALFORMED_REQUEST",
                    "INVALID_PARAMETER"));
            if (codes != null) {
                bad.addAll(List.of(codes.badRequest()));
            }
            responses.addApiResponse("400", problem("Malformed JSON, wrong types or failed validation", 400, bad));
            responses.addApiResponse("401", problem("No or invalid bearer token", 401, List.of("UNAUTHENTICATED")));
            responses.addApiResponse("403", problem("The caller's role may not do this, or a browser called from an "
                    + "origin the operator did not allow", 403, List.of("FORBIDDEN", "CORS_ORIGIN_REFUSED")));
            if (codes != null && codes.notFound().length > 0) {
                responses.addApiResponse("404", problem("Does not exist, or belongs to someone else", 404,
                        List.of(codes.notFound())));
            }
            List<String> conflicts = new java.util.ArrayList<>(codes == null ? List.of() : List.of(codes.conflict()));
            boolean write = handler.hasMethodAnnotation(org.springframework.web.bind.annotation.PostMapping.class)
                    || handler.hasMethodAnnotation(org.springframework.web.bind.annotation.DeleteMapping.class);
            if (write) {
                conflicts.add(ProblemWriter.CONCURRENT_MODIFICATION);
            }
            if (!conflicts.isEmpty()) {
                responses.addApiResponse("409", problem("Not allowed in the current state, or a concurrent change "
                        + "won", 409, conflicts));
            }
            if (codes != null && codes.unprocessable().length > 0) {
                responses.addApiResponse("422", problem("A business rule refused it", 422,
                        List.of(codes.unprocessable())));
            }
            if (operation.getRequestBody() != null) {
                responses.addApiResponse("413", problem("The body is larger than the limit (1 MB)", 413,
                        List.of("PAYLOAD_TOO_LARGE")));
                responses.addApiResponse("415", problem("The body is not application/json", 415,
                        List.of("UNSUPPORTED_MEDIA_TYPE")));
            }
            boolean waits = java.util.Arrays.stream(handler.getMethodParameters()).anyMatch(p -> {
                var param = p.getParameterAnnotation(org.springframework.web.bind.annotation.RequestParam.class);
                return param != null && "min_version".equals(param.name());
            });
            if (waits) {
                responses.addApiResponse("429", problem("Too many reads of this caller, or in all, are waiting for "
                        + "min_version; retry after Retry-After seconds", 429, List.of("TOO_MANY_REQUESTS")));
            }
                        responses.addApiResponse("500", problem("A failure on the service's side (never the answer to "
                    + "something a client sent)", 500, List.of("INTERNAL_ERROR")));
            responses.addApiResponse("503", problem("The database is unreachable or busy; retry later", 503,
                    List.of("SERVICE_UNAVAILABLE", "SERVICE_BUSY", "TIMEOUT")));
            return operation;
        };
    }

    /**
     * What every exchange carries: the Idempotency-Key a POST accepts; the headers answers carry (X-Request-Id
     * always, Location on 201, Idempotent-Replayed on POSTs, X-Read-Model-Stale where min_version may wait); JSON,
     * not any media type; snake_case path parameters with an example each.
     */
    @Bean
    OpenApiCustomizer exchangeHeaders() {
        return openApi -> {
            var renamed = new java.util.LinkedHashMap<String, io.swagger.v3.oas.models.PathItem>();
            openApi.getPaths().forEach((path, item) -> {
                item.readOperationsMap().forEach((method, operation) -> {
                    boolean post = method == io.swagger.v3.oas.models.PathItem.HttpMethod.POST;
                    if (post && path.startsWith("/api/v1/")) {
                        operation.addParametersItem(new io.swagger.v3.oas.models.parameters.HeaderParameter()
                                .name("Idempotency-Key").required(false)
                                .description("The same key from the same caller with the same request within 24 h "
                                        + "answers the first response without doing the work again")
                                .schema(new StringSchema().minLength(1).maxLength(64).pattern("^[\\x21-\\x7E]+$")
                                        .example("c0ffee-2026-11-22-0001")));
                    }
                    boolean waits = operation.getParameters() != null && operation.getParameters().stream()
                            .anyMatch(p -> "min_version".equals(p.getName()));
                    if (operation.getParameters() != null) {
                        operation.getParameters().forEach(p -> {
                            if ("path".equals(p.getIn())) {
                                p.setName(snake(p.getName()));
                                p.setExample("6f1c3f5e-8d1e-4c43-9a55-2f1f7a0c9b11");
                            }
                        });
                    }
                    operation.getResponses().forEach((status, response) -> {
                        header(response, "X-Request-Id", "The request's id, as sent or made up; every event the "
                                + "request causes records it as correlation_id");
                        if (status.startsWith("2") && response.getContent() != null) {
                            var json = response.getContent().remove("*/*");
                            if (json != null) {
                                response.getContent().addMediaType("application/json", json);
                            }
                        }
                        if (status.equals("201")) {
                            header(response, "Location", "The URL of what was created");
                        }
                        if (post && status.startsWith("2")) {
                            header(response, "Idempotent-Replayed", "true: the stored first answer to this "
                                    + "Idempotency-Key");
                        }
                        if (waits && status.startsWith("2")) {
                            header(response, "X-Read-Model-Stale", "true: min_version was not reached within the "
                                    + "wait; the body is what the read model has");
                        }
                    });
                });
                renamed.put(snakePath(path), item);
            });
            openApi.getPaths().clear();
            renamed.forEach(openApi.getPaths()::addPathItem);
        };
    }

    private static void header(ApiResponse response, String name, String description) {
        response.addHeaderObject(name, new io.swagger.v3.oas.models.headers.Header().description(description)
                .schema(new StringSchema()));
    }

    private static String snake(String name) {
        return name.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
    }

    private static String snakePath(String path) {
        var m = java.util.regex.Pattern.compile("\\{([A-Za-z0-9]+)}").matcher(path);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, "{" + snake(m.group(1)) + "}");
        }
        return m.appendTail(out).toString();
    }

    @Bean
    OpenApiCustomizer problemSchemaComponent() {
        return openApi -> openApi.getComponents().addSchemas("Problem", problemSchema());
    }

    /**
     * What the Java types say about each property: a reference type without @NotNull may be null, and is sent as
     * null (springdoc would type it non-null); money is a string of two decimals; a map of anything takes any value.
     */
    @Bean
    PropertyCustomizer nullableAndMoneyProperties() {
        return (property, type) -> {
            java.lang.reflect.Type javaType = type.getType();
            Class<?> raw = javaType instanceof com.fasterxml.jackson.databind.JavaType j ? j.getRawClass()
                    : javaType instanceof Class<?> c ? c : null;
            if (raw == null) {
                return property;
            }
            if (raw.getName().equals("io.ordersvc.shared.money.Money")) {
                property.setType("string");
                property.setFormat(MONEY_FORMAT);
                property.setPattern("^-?[0-9]{1,11}\\.[0-9]{2}$");
                property.setExample("44.00");
            }
            if (java.util.Map.class.isAssignableFrom(raw) && javaType instanceof com.fasterxml.jackson.databind.JavaType j
                    && j.getContentType() != null && j.getContentType().getRawClass() == Object.class) {
                property.setAdditionalProperties(true);
            }
            boolean notNull = type.getCtxAnnotations() != null && java.util.Arrays.stream(type.getCtxAnnotations())
                    .anyMatch(a -> a.annotationType().getSimpleName().equals("NotNull"));
            if (raw.isPrimitive() || notNull) {
                return property;
            }
            if (property.get$ref() == null) { // nested objects that may be missing are left out, not sent as null
                property.setNullable(true);
            }
            return property;
        };
    }

    /**
     * Requests may send money as a number or a string; responses always send the string. Every money property of
     * a schema a request body uses (and the schemas it refers to) takes both. The token endpoint needs no token.
     */
    @Bean
    OpenApiCustomizer requestMoneyAndOpenEndpoints() {
        return openApi -> {
            var schemas = openApi.getComponents().getSchemas();
            java.util.Set<String> requestSchemas = new java.util.TreeSet<>();
            openApi.getPaths().forEach((path, item) -> item.readOperations().forEach(op -> {
                if (op.getRequestBody() != null && op.getRequestBody().getContent() != null) {
                    op.getRequestBody().getContent().values().forEach(m -> collect(m.getSchema(), schemas,
                            requestSchemas));
                }
                if (path.equals("/api/v1/dev/tokens")) {
                    op.setSecurity(java.util.List.of());
                }
                if (op.getParameters() != null) {
                    op.getParameters().forEach(p -> anchor(p.getSchema()));
                }
            }));
            for (String name : requestSchemas) {
                Schema<?> schema = schemas.get(name);
                if (schema.getProperties() == null) {
                    continue;
                }
                schema.getProperties().replaceAll((field, property) -> MONEY_FORMAT.equals(property.getFormat())
                        ? moneyIn(property) : property);
            }
        };
    }

    private static final java.util.regex.Pattern ALTERNATIVES = java.util.regex.Pattern.compile(
            "[a-z0-9_]+(\\|[a-z0-9_]+)+");

    /**
     * Bean Validation matches a parameter's @Pattern against the whole value; the document says so: a list of words
     * becomes an enum, any other pattern is anchored.
     */
    @SuppressWarnings({"rawtypes", "unchecked"})
    private static void anchor(Schema schema) {
        if (schema == null || schema.getPattern() == null) {
            return;
        }
        String pattern = schema.getPattern();
        if (ALTERNATIVES.matcher(pattern).matches()) {
            schema.setEnum(new java.util.ArrayList<>(java.util.List.of(pattern.split("\\|"))));
            schema.setPattern(null);
        } else if (!pattern.startsWith("^")) {
            schema.setPattern("^(?:" + pattern + ")$");
        }
    }

    /**
     * Money a request may send as a string or a number. Described without a type (OpenAPI 3.0 has no union of
     * types, and validators mishandle oneOf): a JSON Schema pattern applies to strings only, so a number passes and a
     * string must have two decimals.
     */
    @SuppressWarnings({"rawtypes", "unchecked"})
    private static Schema moneyIn(Schema<?> money) {
        Schema either = new Schema<>();
        either.setPattern(money.getPattern());
        either.setDescription("an amount: a string with two decimals such as \"44.00\", or a number");
        either.setExample(money.getExample()); // without a type it takes null too: no nullable needed (or allowed)
        return either;
    }

    private static void collect(Schema<?> schema, java.util.Map<String, Schema> schemas, java.util.Set<String> names) {
        if (schema == null) {
            return;
        }
        if (schema.get$ref() != null) {
            String name = schema.get$ref().substring(schema.get$ref().lastIndexOf('/') + 1);
            if (names.add(name) && schemas.containsKey(name)) {
                collect(schemas.get(name), schemas, names);
            }
            return;
        }
        if (schema.getItems() != null) {
            collect(schema.getItems(), schemas, names);
        }
        if (schema.getProperties() != null) {
            schema.getProperties().values().forEach(p -> collect(p, schemas, names));
        }
    }

    /** A money property: requests may send it as a number too (responses always send the string). */
    static final String MONEY_FORMAT = "money";

    private static ApiResponse problem(String description, int status, List<String> codes) {
        var media = new MediaType().schema(new Schema<>().$ref("#/components/schemas/Problem"));
        for (String code : codes) {
            var example = new java.util.LinkedHashMap<String, Object>();
            example.put("type", "https://ordersvc.io/problems/" + code.toLowerCase(java.util.Locale.ROOT)
                    .replace('_', '-'));
            example.put("title", org.springframework.http.HttpStatus.valueOf(status).getReasonPhrase());
            example.put("status", status);
            example.put("detail", "(what happened, in words)");
            example.put("instance", "/api/v1/orders/6f1c3f5e-8d1e-4c43-9a55-2f1f7a0c9b11");
            example.put("code", code);
            media.addExamples(code, new Example().value(example));
        }
        return new ApiResponse().description(description + ". Codes: " + String.join(", ", codes))
                .content(new Content().addMediaType(ProblemWriter.MEDIA_TYPE, media));
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private static Schema problemSchema() {
        Schema error = new ObjectSchema().addProperty("field", new StringSchema().example("receiver.phone"))
                .addProperty("message", new StringSchema().example("must be a phone number"));
        return new ObjectSchema().description("RFC 9457 problem details with a stable machine-readable code; a "
                        + "code may carry more members that it documents (PRICE_CHANGED: preview)")
                .additionalProperties(true)
                .addProperty("type", new StringSchema())
                .addProperty("title", new StringSchema())
                .addProperty("status", new IntegerSchema())
                .addProperty("detail", new StringSchema())
                .addProperty("instance", new StringSchema())
                .addProperty("code", new StringSchema().example("ORDER_NOT_PAYABLE"))
                .addProperty("errors", new ArraySchema().items(error));
    }
}
