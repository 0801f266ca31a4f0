package io.ordersvc.command.shipping;

import io.ordersvc.shared.error.Refusal;
import io.ordersvc.shared.identity.Actor;
import io.ordersvc.shared.identity.Role;
import io.ordersvc.shared.shipping.FreightRules;
import io.ordersvc.shared.shipping.FreightTemplateCommand.CreateFreightTemplate;
import io.ordersvc.shared.shipping.FreightTemplateCommand.ReplaceFreightTemplate;
import io.ordersvc.shared.shipping.FreightTemplateEvent.FreightTemplateCreated;
import io.ordersvc.shared.shipping.FreightTemplateEvent.FreightTemplateReplaced;
import io.ordersvc.shared.shipping.ShippingFees;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateLifecycle;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.Clock;
import java.util.List;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A shop's freight template (运费模板): how the shop charges for shipping by region, when it ships free, and where it
 * does not deliver. Products name it; checkout prices every order's shipping by it ({@link ShippingFees}).
 */
@Aggregate
public class FreightTemplate {

    @AggregateIdentifier
    private String freightTemplateId;
    private String shopId;
    private FreightRules rules;

    protected FreightTemplate() {
    }

    public record TemplateAck(String freightTemplateId, long version) {
    }

    @CommandHandler
    public FreightTemplate(CreateFreightTemplate cmd, Clock clock) {
        Actor actor = cmd.actor();
        if (!(actor.is(Role.ADMIN) || actor.isSellerOf(cmd.shopId()))) {
            throw Refusal.forbidden("only the shop's seller or an admin may create its freight templates");
        }
        requireSound(cmd.rules());
        apply(new FreightTemplateCreated(cmd.freightTemplateId(), cmd.shopId(), cmd.rules(), clock.instant()));
    }

    @CommandHandler
    public TemplateAck handle(ReplaceFreightTemplate cmd, Clock clock) {
        Actor actor = cmd.actor();
        if (!(actor.is(Role.ADMIN) || actor.isSellerOf(shopId))) {
            throw Refusal.freightTemplateNotFound(freightTemplateId);
        }
        requireSound(cmd.rules());
        if (!cmd.rules().equals(rules)) {
            apply(new FreightTemplateReplaced(freightTemplateId, shopId, cmd.rules(), clock.instant()));
        }
        return new TemplateAck(freightTemplateId, AggregateLifecycle.getVersion());
    }

    public String shopId() {
        return shopId;
    }

    public FreightRules rules() {
        return rules;
    }

    private static void requireSound(FreightRules rules) {
        List<String> problems = ShippingFees.problems(rules);
        if (!problems.isEmpty()) {
            throw Refusal.unprocessable("INVALID_FREIGHT_RULES", String.join("; ", problems));
        }
    }

    @EventSourcingHandler
    void on(FreightTemplateCreated e) {
        freightTemplateId = e.freightTemplateId();
        shopId = e.shopId();
        rules = e.rules();
    }

    @EventSourcingHandler
    void on(FreightTemplateReplaced e) {
        rules = e.rules();
    }
}
