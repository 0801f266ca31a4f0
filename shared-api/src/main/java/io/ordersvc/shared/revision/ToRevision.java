package io.ordersvc.shared.revision;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;

import java.util.Objects;
import java.util.function.Consumer;

/** One event type from one revision to the next, by changing its stored JSON. */
public final class ToRevision extends SingleEventUpcaster {

    private final String type;
    private final String from;
    private final String to;
    private final Consumer<ObjectNode> change;

    /**
     * @param from the stored revision (null: stored before the type had one)
     */
    public ToRevision(Class<?> eventType, String from, String to, Consumer<ObjectNode> change) {
        this.type = eventType.getName();
        this.from = from;
        this.to = to;
        this.change = change;
    }

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation event) {
        return type.equals(event.getType().getName()) && Objects.equals(from, event.getType().getRevision());
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation event) {
        return event.upcastPayload(new SimpleSerializedType(type, to), JsonNode.class, json -> {
            ObjectNode node = (ObjectNode) json.deepCopy();
            change.accept(node);
            return node;
        });
    }
}
