package io.ordersvc.command.catalog;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.ordersvc.shared.catalog.ProductEvent.ProductCreated;
import io.ordersvc.shared.catalog.ProductEventUpcasters;
import io.ordersvc.shared.catalog.ProductSettings;
import io.ordersvc.shared.catalog.SkuSpec;
import io.ordersvc.shared.money.Money;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.eventsourcing.EventStreamUtils;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.serialization.upcasting.event.EventUpcasterChain;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** A product exactly as the service stored it before the selling terms existed (revision null), read as revision 2. */
class ProductEventRevisionsTest {

    private final JacksonSerializer serializer = JacksonSerializer.builder().objectMapper(new ObjectMapper()
            .findAndRegisterModules()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)).build();

    @Test
    void a_stored_product_reads_on_shelf_physical_unlimited_and_shipped_by_its_template() {
        String stored = """
                {"productId":"p-1","shopId":"shop-1","name":"T恤","imageUrl":null,"freightTemplateId":"tpl-1",\
                "skus":[{"skuId":"s-1","skuCode":"T-RED","properties":{"颜色":"红色"},"price":"22.00",\
                "costPrice":"16.00","pointsPrice":200,"stock":5}],"createdAt":"2026-11-22T08:00:00Z"}""";
        var entry = new GenericDomainEventEntry<>("Product", "p-1", 0, "event-1", "2026-11-22T08:00:00Z",
                ProductCreated.class.getName(), null, stored.getBytes(StandardCharsets.UTF_8),
                "{}".getBytes(StandardCharsets.UTF_8));
        List<? extends DomainEventMessage<?>> read = EventStreamUtils.upcastAndDeserializeDomainEvents(
                Stream.of(entry), serializer, new EventUpcasterChain(ProductEventUpcasters.all())).asStream().toList();
        assertThat(read).singleElement().satisfies(m -> assertThat(m.getPayload()).isEqualTo(new ProductCreated(
                "p-1", "shop-1", "T恤", null, ProductSettings.shippedBy("tpl-1"),
                List.of(new SkuSpec("s-1", "T-RED", Map.of("颜色", "红色"), Money.of("22.00"), Money.of("16.00"),
                        200L, 5)), Instant.parse("2026-11-22T08:00:00Z"))));
    }
}
