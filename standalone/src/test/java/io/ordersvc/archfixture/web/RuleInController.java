package io.ordersvc.archfixture.web;

import io.ordersvc.archfixture.command.alpha.AlphaAggregate;
import io.ordersvc.shared.money.Money;
import org.springframework.web.bind.annotation.RestController;

/** A controller that computes money and holds an aggregate. */
@RestController
public class RuleInController {

    AlphaAggregate aggregate;

    public Money total(Money price) {
        return price.times(2);
    }
}
