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
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
public class OpenApiConfig {

    @Bean
    OpenAPI orderServiceOpenApi() {
        return new OpenAPI()
                .info(new Info().title("Order service API").version("v1")
                        .description("Event-sourced order backend: catalog, orders, read models. Money is a string "
                                + "with two decimals, times are ISO-8601 UTC, errors are application/problem+json "
                                + "with a stable code.")
                        .license(new License().name("Apache-2.0")))
                .components(new Components()
                        .addSecuritySchemes("bearer", new SecurityScheme()
                                .type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT"))
                        )
                .addSecurityItem(new SecurityRequirement().addList("bearer"));
    }

    /**
     * The wire format is snake_case (spring.jackson.property-naming-strategy), but springdoc resolves schemas with
     * swagger-core's own Jackson 2 mapper: without this the document would show camelCase fields.
     */
    @Bean
    ModelResolver snakeCaseModelResolver() {
        return new ModelResolver(Json.mapper().copy().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE));
    }

    /** Every API operation documents the problem+json answers API.md promises, each with an example. */
    @Bean
    OpenApiCustomizer problemResponses() {
        return openApi -> {
            openApi.getComponents().addSchemas("Problem", problemSchema());
            openApi.getPaths().forEach((path, item) -> {
            if (!path.startsWith("/api/v1/")) {
                return;
            }
            item.readOperationsMap().forEach((method, operation) -> {
                boolean write = method != io.swagger.v3.oas.models.PathItem.HttpMethod.GET;
                var responses = operation.getResponses();
                responses.addApiResponse("400", problem("Malformed JSON, wrong types or failed validation",
                        400, "VALIDATION_FAILED", "The request is not valid"));
                responses.addApiResponse("401", problem("No or invalid bearer token", 401, "UNAUTHENTICATED",
                        "A valid bearer token is required"));
                responses.addApiResponse("403", problem("The caller's role may not do this", 403, "FORBIDDEN",
                        "Your role may not do this"));
                if (path.contains("{")) {
                    responses.addApiResponse("404", problem("Does not exist, or belongs to someone else", 404,
                            "ORDER_NOT_FOUND", "order 6f1c3f5e-8d1e-4c43-9a55-2f1f7a0c9b11 does not exist"));
                }
                if (write) {
                    responses.addApiResponse("409", problem("Not allowed in the current state, or a concurrent "
                            + "change won", 409, "ORDER_NOT_CANCELLABLE", "order … is to_ship"));
                    responses.addApiResponse("422", problem("A business rule refused it", 422, "AMOUNT_MISMATCH",
                            "amount 43.00 differs from pay_amount 44.00"));
                }
                responses.addApiResponse("503", problem("The database is unreachable; retry later", 503,
                        "SERVICE_UNAVAILABLE", "The service cannot reach its database; retry later"));
            });
            });
        };
    }

    private static ApiResponse problem(String description, int status, String code, String detail) {
        var example = new java.util.LinkedHashMap<String, Object>();
        example.put("type", "https://ordersvc.io/problems/" + code.toLowerCase().replace('_', '-'));
        example.put("title", org.springframework.http.HttpStatus.valueOf(status).getReasonPhrase());
        example.put("status", status);
        example.put("detail", detail);
        example.put("instance", "/api/v1/orders/6f1c3f5e-8d1e-4c43-9a55-2f1f7a0c9b11");
        example.put("code", code);
        return new ApiResponse().description(description).content(new Content().addMediaType(
                ProblemWriter.MEDIA_TYPE, new MediaType().schema(new Schema<>().$ref("#/components/schemas/Problem"))
                        .addExamples(code, new Example().value(example))));
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private static Schema problemSchema() {
        Schema error = new ObjectSchema().addProperty("field", new StringSchema().example("receiver.phone"))
                .addProperty("message", new StringSchema().example("must be a phone number"));
        return new ObjectSchema().description("RFC 9457 problem details with a stable machine-readable code")
                .addProperty("type", new StringSchema())
                .addProperty("title", new StringSchema())
                .addProperty("status", new IntegerSchema())
                .addProperty("detail", new StringSchema())
                .addProperty("instance", new StringSchema())
                .addProperty("code", new StringSchema().example("ORDER_NOT_PAYABLE"))
                .addProperty("errors", new ArraySchema().items(error));
    }
}
