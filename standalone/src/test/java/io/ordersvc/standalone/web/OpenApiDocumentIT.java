package io.ordersvc.standalone.web;

import io.ordersvc.standalone.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The document every client is generated from says what the service does. (That every exchange of the HTTP tests
 * matches it is checked on each exchange: ContractCheck.)
 */
class OpenApiDocumentIT extends IntegrationTest {

    JsonNode doc;
    List<JsonNode> operations = new ArrayList<>();
    List<String> names = new ArrayList<>();

    @BeforeEach
    void read() {
        doc = api.get("/v3/api-docs", null).expect(200).body();
        doc.path("paths").properties().forEach(path -> path.getValue().properties().forEach(op -> {
            operations.add(op.getValue());
            names.add(op.getKey().toUpperCase() + " " + path.getKey());
        }));
        assertThat(operations).hasSizeGreaterThanOrEqualTo(26);
    }

    /**
     * docs/openapi.json, which clients (and the generated client of GeneratedClientIT) are built from, is the live
     * document. After a change to the API: ./mvnw verify -Dorders.openapi.write=true rewrites it.
     */
    @Test
    void the_document_in_the_repository_is_the_live_one() throws Exception {
        var live = doc;
        assertThat(live.path("servers").get(0).path("url").asString()).as("relative: the same everywhere")
                .isEqualTo("/");
        java.nio.file.Path file = java.nio.file.Path.of("..", "docs", "openapi.json");
        String pretty = tools.jackson.databind.json.JsonMapper.builder().build().writerWithDefaultPrettyPrinter()
                .writeValueAsString(live) + "\n";
        if (Boolean.getBoolean("orders.openapi.write")) {
            java.nio.file.Files.writeString(file, pretty);
        }
        assertThat(java.nio.file.Files.readString(file)).as("docs/openapi.json is stale: run ./mvnw verify "
                + "-Dorders.openapi.write=true").isEqualTo(pretty);
    }

    @Test
    void operation_ids_are_unique_names_not_numbered_duplicates() {
        Set<String> ids = new HashSet<>();
        operations.forEach(op -> {
            String id = op.path("operationId").asString();
            assertThat(id).matches("[a-z][A-Za-z]+");
            assertThat(ids.add(id)).as(id).isTrue();
        });
    }

    @Test
    void every_post_takes_an_idempotency_key_and_every_answer_names_its_headers_and_json() {
        for (int n = 0; n < operations.size(); n++) {
            int i = n;
            JsonNode op = operations.get(i);
            List<String> params = new ArrayList<>();
            op.path("parameters").forEach(p -> params.add(p.path("in").asString() + ":" + p.path("name").asString()));
            if (names.get(i).startsWith("POST")) {
                assertThat(params).as(names.get(i)).contains("header:Idempotency-Key");
            }
            op.path("responses").properties().forEach(r -> {
                assertThat(r.getValue().path("headers").has("X-Request-Id")).as(names.get(i) + " " + r.getKey()).isTrue();
                if (r.getKey().startsWith("2") && r.getValue().has("content")) {
                    // JSON, or an image (an e-ticket's QR code)
                    assertThat(r.getValue().path("content").has("application/json")
                            || r.getValue().path("content").has("image/png")).as(names.get(i)).isTrue();
                    assertThat(r.getValue().path("content").has("*/*")).isFalse();
                }
                if (r.getKey().equals("201")) {
                    assertThat(r.getValue().path("headers").has("Location")).as(names.get(i)).isTrue();
                }
            });
            op.path("parameters").forEach(p -> {
                if ("path".equals(p.path("in").asString())) {
                    assertThat(p.path("name").asString()).as(names.get(i)).matches("[a-z_]+");
                    assertThat(p.has("example")).as(names.get(i)).isTrue();
                }
                if (p.path("schema").has("pattern")) {
                    assertThat(p.path("schema").path("pattern").asString()).as(names.get(i)).startsWith("^");
                }
            });
        }
    }

    @Test
    void each_operation_lists_its_own_refusals_and_the_token_endpoint_needs_no_token() {
        JsonNode pay = doc.path("paths").path("/api/v1/orders/{order_id}/pay").path("post").path("responses");
        assertThat(pay.path("422").path("content").path("application/problem+json").path("examples")
                .has("AMOUNT_MISMATCH")).isTrue();
        assertThat(pay.path("404").path("content").path("application/problem+json").path("examples")
                .has("ORDER_NOT_FOUND")).isTrue();
        JsonNode approve = doc.path("paths").path("/api/v1/refunds/{refund_id}/approve").path("post")
                .path("responses");
        assertThat(approve.path("404").path("content").path("application/problem+json").path("examples")
                .has("REFUND_NOT_FOUND")).isTrue();
        assertThat(approve.path("422").path("content").path("application/problem+json").path("examples")
                .has("AMOUNT_MISMATCH")).isFalse();
        JsonNode tokens = doc.path("paths").path("/api/v1/dev/tokens").path("post");
        assertThat(tokens.has("security")).isTrue();
        assertThat(tokens.path("security")).isEmpty();
        JsonNode status = doc.path("paths").path("/api/v1/orders").path("get").path("parameters");
        status.forEach(p -> {
            if ("status".equals(p.path("name").asString())) {
                assertThat(p.path("schema").path("enum").toString()).contains("completed", "review_pending");
            }
        });
    }

    @Test
    void money_is_a_two_decimal_string_out_and_a_string_or_number_in() {
        JsonNode schemas = doc.path("components").path("schemas");
        JsonNode out = schemas.path("OrderDetail").path("properties").path("pay_amount");
        assertThat(out.path("type").asString()).isEqualTo("string");
        assertThat(out.path("example").asString()).isEqualTo("44.00");
        JsonNode in = schemas.path("PayRequest").path("properties").path("amount");
        assertThat(in.has("type")).as("a string or a number").isFalse();
        assertThat(in.path("pattern").asString()).isEqualTo("^-?[0-9]{1,11}\\.[0-9]{2}$");
    }
}
