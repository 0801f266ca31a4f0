package io.ordersvc.command.shipping;

import io.ordersvc.shared.shipping.FreightTemplateEvent.FreightTemplateCreated;
import io.ordersvc.shared.shipping.FreightTemplateEvent.FreightTemplateReplaced;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Component;

import java.util.Optional;

/**
 * Templates read from their event streams without loading the aggregate: a repository load would lock the template
 * for the whole unit of work, and every checkout of a shop names the same few templates. A checkout priced by the
 * rules a concurrent replacement is about to change is priced by the rules of that moment, as it would have been a
 * millisecond earlier.
 */
@Component
class StoredFreightTemplates implements FreightTemplates {

    private final EventStore events;

    StoredFreightTemplates(EventStore events) {
        this.events = events;
    }

    @Override
    public Optional<Template> find(String freightTemplateId) {
        if (freightTemplateId == null) {
            return Optional.empty();
        }
        Template found = null;
        DomainEventStream stream = events.readEvents(freightTemplateId);
        while (stream.hasNext()) {
            DomainEventMessage<?> event = stream.next();
            if (!"FreightTemplate".equals(event.getType())) {
                return Optional.empty(); // an id of another aggregate type
            }
            Object payload = event.getPayload();
            if (payload instanceof FreightTemplateCreated created) {
                found = new Template(freightTemplateId, created.shopId(), created.rules());
            } else if (payload instanceof FreightTemplateReplaced replaced && found != null) {
                found = new Template(freightTemplateId, found.shopId(), replaced.rules());
            }
        }
        return Optional.ofNullable(found);
    }
}
