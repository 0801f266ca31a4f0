package io.ordersvc.query.shipping;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** freight_template_view: a template's rules as one JSON document (FreightRules), with its shop for scoping. */
@Entity
@Table(name = "freight_template_view")
class FreightTemplateViewEntity {
    @Id
    String freightTemplateId;
    String shopId;
    String name;
    String rules;
    Instant createdAt;
    Instant updatedAt;
    long version;
}
