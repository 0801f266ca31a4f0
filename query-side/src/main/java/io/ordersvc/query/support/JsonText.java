package io.ordersvc.query.support;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Small JSON documents kept in text columns of the read model (SKU properties, shipment lines). */
public final class JsonText {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private JsonText() {
    }

    public static String write(Object value) {
        return JSON.writeValueAsString(value);
    }

    public static <T> T read(String text, TypeReference<T> type) {
        return JSON.readValue(text, type);
    }
}
