package io.ordersvc.archfixture.command.alpha;

import org.axonframework.spring.stereotype.Aggregate;

/** Stands for an aggregate: annotated like one, never registered (outside the scanned packages). */
@Aggregate
public class AlphaAggregate {
}
