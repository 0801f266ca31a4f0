package io.ordersvc.platform.axon;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Axon's mapper keeps no field name it reads: a snapshot's order ids do not pile up in a symbol table. */
class AxonObjectMapperTest {

    private final ObjectMapper mapper = new AxonStorageConfig().defaultAxonObjectMapper();

    @Test
    void map_keys_read_twice_are_two_strings_not_one_canonical_one() throws Exception {
        String orderId = UUID.randomUUID().toString();
        String snapshot = "{\"counted\":{\"" + orderId + "\":\"12.50\"}}";
        TypeReference<Map<String, Map<String, String>>> type = new TypeReference<>() {
        };

        String first = mapper.readValue(snapshot, type).get("counted").keySet().iterator().next();
        String second = mapper.readValue(snapshot, type).get("counted").keySet().iterator().next();

        assertThat(first).isEqualTo(orderId).isEqualTo(second);
        assertThat(first).as("a canonicalizing parser hands out one shared instance per name").isNotSameAs(second);
    }

    @Test
    void a_newer_event_with_a_field_this_version_does_not_know_still_reads() throws Exception {
        record Paid(String orderId, java.math.BigDecimal amount) {
        }
        Paid paid = mapper.readValue("{\"orderId\":\"o-1\",\"amount\":12.5,\"channel\":\"wechat\"}", Paid.class);
        assertThat(paid.amount()).isEqualByComparingTo("12.50");
    }
}
