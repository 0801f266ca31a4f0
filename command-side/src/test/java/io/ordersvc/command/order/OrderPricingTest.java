package io.ordersvc.command.order;

import io.ordersvc.command.order.OrderPricing.Item;
import io.ordersvc.command.order.OrderPricing.Priced;
import io.ordersvc.shared.money.Money;
import io.ordersvc.shared.order.OrderType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class OrderPricingTest {

    /** items: price*quantity[/points price] separated by spaces. */
    @ParameterizedTest(name = "{0} {1} at {2} points/yuan: goods {3}, pay {4}, points {5}, earned {6}")
    @CsvSource({
            "physical,        22.00*2,                   1,    44.00, 44.00,   0, 44",
            "physical,        22.00*2 10.50*1,           1,    54.50, 54.50,   0, 54",
            "physical,        0.01*1,                    1,     0.01,  0.01,   0,  0",
            "physical,        0.01*3,                    100,   0.03,  0.03,   0,  3",
            "physical,        33.33*3,                   1.5,  99.99, 99.99,   0, 149",
            "physical,        19.99*7,                   0,   139.93,139.93,   0,  0",
            "points_exchange, 22.00*2/200,               1,     0.00,  0.00, 400,  0",
            "points_exchange, 22.00*2/200 5.00*3/50,     1,     0.00,  0.00, 550,  0",
    })
    void prices_an_order_from_its_items(String type, String items, BigDecimal pointsPerYuan, String goods,
                                         String pay, long points, long earned) {
        Priced priced = OrderPricing.price(OrderType.fromValue(type), items(items), pointsPerYuan);

        assertThat(priced.goodsAmount()).isEqualTo(Money.of(goods));
        assertThat(priced.payAmount()).isEqualTo(Money.of(pay));
        assertThat(priced.shippingFee()).isEqualTo(Money.ZERO);
        assertThat(priced.discountAmount()).isEqualTo(Money.ZERO);
        assertThat(priced.pointsAmount()).isEqualTo(points);
        assertThat(priced.pointsEarned()).isEqualTo(earned);
        Money sum = priced.lines().stream().map(OrderPricing.PricedLine::lineTotal).reduce(Money.ZERO, Money::plus);
        assertThat(sum).as("the lines add up to the goods amount").isEqualTo(priced.goodsAmount());
        assertThat(priced.lines()).extracting(l -> l.item().skuId())
                .as("lines keep the items' order").isEqualTo(items(items).stream().map(Item::skuId).toList());
    }

    private static List<Item> items(String spec) {
        List<Item> items = new ArrayList<>();
        for (String part : spec.trim().split("\\s+")) {
            String[] pricePoints = part.split("/");
            String[] priceQty = pricePoints[0].split("\\*");
            items.add(new Item("sku-" + items.size(), Money.of(priceQty[0]),
                    pricePoints.length > 1 ? Long.valueOf(pricePoints[1]) : null, Integer.parseInt(priceQty[1])));
        }
        return items;
    }
}
