package io.ordersvc.command.checkout;

import io.ordersvc.command.catalog.Product;
import io.ordersvc.command.catalog.SkuOwners;
import io.ordersvc.command.catalog.Stock;
import io.ordersvc.command.order.Order;
import io.ordersvc.command.order.OrderAck;
import io.ordersvc.command.order.OrderSettings;
import io.ordersvc.command.shipping.FreightTemplates;
import io.ordersvc.command.support.LockOrder;
import io.ordersvc.shared.error.Refusal;
import io.ordersvc.shared.money.Money;
import io.ordersvc.shared.order.OrderCommand.ChangeReceiver;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.Repository;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A new receiver for an order that has shipped nothing: its shipping is priced again for the new region from the
 * freight templates of the moment, exactly as checkout prices it. The order is loaded first (it checks who may
 * change it, and when), then its products (their shipping terms), in {@link LockOrder}.
 */
@Component
class ReceiverDesk {

    private final Repository<Order> orders;
    private final Stock stock;
    private final FreightTemplates templates;

    private final io.ordersvc.platform.privacy.PersonalDataVault personalData;

    ReceiverDesk(Repository<Order> orders, Stock stock, FreightTemplates templates,
                 io.ordersvc.platform.privacy.PersonalDataVault personalData) {
        this.personalData = personalData;
        this.orders = orders;
        this.stock = stock;
        this.templates = templates;
    }

    @CommandHandler
    OrderAck handle(ChangeReceiver cmd, Clock clock, OrderSettings settings) {
        Instant now = clock.instant();
        Aggregate<Order> order = LockOrder.load(orders, LockOrder.Rank.ORDER, cmd.orderId(), Refusal::orderNotFound);
        Order.ToShip toShip = order.invoke(o -> o.toShip(cmd.actor(), now));
        personalData.requireNotErased(order.invoke(Order::buyerId));
        Money fee = toShip.lines().isEmpty() ? Money.ZERO
                : CheckoutPricing.shipping(templates, shipped(toShip), cmd.receiver().regionCode()).fee();
        return order.invoke(o -> o.changeReceiver(cmd, fee, settings, now));
    }

    /** The lines left to ship with the catalog's shipping terms of now (a SKU no longer sold ships at none). */
    private List<CheckoutPricing.Shipped> shipped(Order.ToShip toShip) {
        Map<String, Integer> units = new LinkedHashMap<>();
        toShip.lines().forEach(l -> units.merge(l.skuId(), l.quantity(), Integer::sum));
        Map<String, SkuOwners.Owner> owners = stock.owners(units.keySet());
        units.keySet().retainAll(owners.keySet());
        Map<String, Product.Reserved> catalog = new LinkedHashMap<>();
        if (!units.isEmpty()) {
            stock.quote(units, owners, toShip.orderType())
                    .forEach(q -> q.lines().forEach(r -> catalog.put(r.sku().skuId(), r)));
        }
        List<CheckoutPricing.Shipped> shipped = new ArrayList<>();
        for (Order.Unshipped line : toShip.lines()) {
            Product.Reserved terms = catalog.get(line.skuId());
            if (terms != null) {
                shipped.add(new CheckoutPricing.Shipped(terms, line.quantity(), line.paid()));
            }
        }
        return shipped;
    }
}
