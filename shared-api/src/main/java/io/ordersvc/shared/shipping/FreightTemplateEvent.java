package io.ordersvc.shared.shipping;

import java.time.Instant;

public sealed interface FreightTemplateEvent {

    String freightTemplateId();

    record FreightTemplateCreated(String freightTemplateId, String shopId, FreightRules rules, Instant createdAt)
            implements FreightTemplateEvent {
    }

    record FreightTemplateReplaced(String freightTemplateId, String shopId, FreightRules rules, Instant replacedAt)
            implements FreightTemplateEvent {
    }
}
