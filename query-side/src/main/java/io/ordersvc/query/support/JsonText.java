package io.ordersvc.query.support;

import tools.jackson.core.TokenStreamFactory;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Small JSON documents kept in text columns of the read model (SKU properties, shipment lines). */
public final class JsonText {

    /**
     * Property names are not canonicalized: some documents are keyed by ids (an analytics row's lines by product), so
     * nearly every name read was new, and each new one copied the parser's symbol table, which grows with them: 3.7 %
     * of all the service's allocation under load (bench/README.md, session 48).
     */
    private static final JsonMapper JSON = JsonMapper.builder(JsonFactory.builder()
            .disable(TokenStreamFactory.Feature.CANONICALIZE_PROPERTY_NAMES).build()).build();

    private JsonText() {
    }

    public static String write(Object value) {
        return JSON.writeValueAsString(value);
    }

    public static <T> T read(String text, TypeReference<T> type) {
        return JSON.readValue(text, type);
    }
}
