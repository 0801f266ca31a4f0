package io.ordersvc.query.wallet;

import io.ordersvc.query.support.BatchTable;
import io.ordersvc.query.support.BatchTable.Mapping;
import io.ordersvc.query.support.ProcessingGroups;
import io.ordersvc.shared.money.Money;
import io.ordersvc.shared.wallet.GiftCardEvent;
import io.ordersvc.shared.wallet.GiftCardEvent.GiftCardBound;
import io.ordersvc.shared.wallet.GiftCardEvent.GiftCardIssued;
import io.ordersvc.shared.wallet.GiftCardEvent.GiftCardRefunded;
import io.ordersvc.shared.wallet.GiftCardEvent.GiftCardReturned;
import io.ordersvc.shared.wallet.GiftCardEvent.GiftCardSpent;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.function.Consumer;

/** gift_card_view, in the catalog's processing group: each event sets what it changed, once (by version). */
@Component
@ProcessingGroup(ProcessingGroups.PRODUCTS)
class GiftCardProjection {

    private final BatchTable<GiftCardViewEntity> cards;

    GiftCardProjection(JdbcTemplate jdbc) {
        this.cards = new BatchTable<>(jdbc, Mapping.of(GiftCardViewEntity.class));
    }

    @EventHandler
    void on(GiftCardIssued e, @SequenceNumber long sequence) {
        if (cards.find(e.number()).isPresent()) {
            return;
        }
        GiftCardViewEntity row = new GiftCardViewEntity();
        row.number = e.number();
        row.batchId = e.batchId();
        row.amount = e.amount().amount();
        row.balance = e.amount().amount();
        row.validUntil = e.validUntil();
        row.version = sequence;
        cards.insert(row);
    }

    @EventHandler
    void on(GiftCardBound e, @SequenceNumber long sequence) {
        change(e, sequence, row -> {
            row.buyerId = e.buyerId();
            row.boundAt = e.boundAt();
        });
    }

    @EventHandler
    void on(GiftCardSpent e, @SequenceNumber long sequence) {
        balance(e, sequence, e.balanceAfter());
    }

    @EventHandler
    void on(GiftCardReturned e, @SequenceNumber long sequence) {
        balance(e, sequence, e.balanceAfter());
    }

    @EventHandler
    void on(GiftCardRefunded e, @SequenceNumber long sequence) {
        balance(e, sequence, e.balanceAfter());
    }

    private void balance(GiftCardEvent e, long sequence, Money after) {
        change(e, sequence, row -> row.balance = after.amount());
    }

    private void change(GiftCardEvent e, long sequence, Consumer<GiftCardViewEntity> change) {
        cards.find(e.number()).filter(row -> row.version < sequence).ifPresent(row -> {
            change.accept(row);
            row.version = sequence;
            cards.changed(row);
        });
    }

    @ResetHandler
    void reset() {
        cards.deleteAll();
    }
}
