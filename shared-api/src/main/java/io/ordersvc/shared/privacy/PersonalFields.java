package io.ordersvc.shared.privacy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.function.UnaryOperator;

/** The personal values of a stored event ({@link PersonalData#FIELDS}), as its JSON holds them. */
public final class PersonalFields {

    private PersonalFields() {
    }

    /** Replaces each personal value of a stored event (a text at one of the FIELDS) by change(value). */
    public static void replace(JsonNode node, UnaryOperator<String> change) {
        for (String pointer : PersonalData.FIELDS) {
            int slash = pointer.lastIndexOf('/');
            String field = pointer.substring(slash + 1);
            if (node.at(pointer.substring(0, slash)) instanceof ObjectNode parent && parent.path(field).isTextual()) {
                parent.put(field, change.apply(parent.path(field).asText()));
            }
        }
    }
}
