package io.ordersvc.platform.axon;

import io.ordersvc.platform.ids.RandomUuids;
import io.ordersvc.shared.identity.ActorAware;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.slf4j.MDC;
import org.springframework.stereotype.Component;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * Stamps every dispatched command with the actor and the request's correlation id; Axon's correlation data
 * providers then copy them onto every event the command causes.
 */
@Component
public class AuditMetaData implements MessageDispatchInterceptor<CommandMessage<?>> {

    public static final String ACTOR_ID = "actor_id";
    public static final String ACTOR_ROLE = "actor_role";
    public static final String CORRELATION_ID = "correlation_id";
    /** MDC key the request filter fills from X-Request-Id. */
    public static final String MDC_REQUEST_ID = "request_id";

    @Override
    public BiFunction<Integer, CommandMessage<?>, CommandMessage<?>> handle(List<? extends CommandMessage<?>> messages) {
        return (index, message) -> {
            Map<String, Object> meta = new HashMap<>();
            if (message.getPayload() instanceof ActorAware aware && aware.actor() != null) {
                meta.put(ACTOR_ID, aware.actor().id());
                meta.put(ACTOR_ROLE, aware.actor().role().claim());
            }
            if (!message.getMetaData().containsKey(CORRELATION_ID)) {
                String requestId = MDC.get(MDC_REQUEST_ID);
                meta.put(CORRELATION_ID, requestId != null ? requestId : RandomUuids.next().toString());
            }
            return message.andMetaData(meta);
        };
    }
}
