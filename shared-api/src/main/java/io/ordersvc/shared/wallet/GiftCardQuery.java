package io.ordersvc.shared.wallet;

import io.ordersvc.shared.money.Money;

import java.time.Instant;
import java.util.List;

/** GET /gift-cards: the buyer's bound cards, newest bound first. */
public record GiftCardQuery(String buyerId) {

    public record GiftCardView(String number, Money amount, Money balance, Instant validUntil, Instant boundAt) {
    }

    public record GiftCardList(List<GiftCardView> cards) {
    }
}
