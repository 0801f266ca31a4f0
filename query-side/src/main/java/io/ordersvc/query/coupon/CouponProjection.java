package io.ordersvc.query.coupon;

import io.ordersvc.query.support.BatchTable;
import io.ordersvc.query.support.BatchTable.Mapping;
import io.ordersvc.query.support.JsonText;
import io.ordersvc.query.support.ProcessingGroups;
import io.ordersvc.shared.coupon.CouponEvent.CouponCodesGenerated;
import io.ordersvc.shared.coupon.CouponEvent.CouponIssued;
import io.ordersvc.shared.coupon.CouponEvent.CouponTemplateCreated;
import io.ordersvc.shared.coupon.CouponTerms;
import io.ordersvc.shared.wallet.WalletEvent.CouponLocked;
import io.ordersvc.shared.wallet.WalletEvent.CouponReceived;
import io.ordersvc.shared.wallet.WalletEvent.CouponReleased;
import io.ordersvc.shared.wallet.WalletEvent.CouponUsed;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.function.Consumer;

/**
 * coupon_template_view and coupon_view, in the catalog's processing group (with the wallets whose events they
 * fold). Each row keeps the version of the last event it folded, so a batch delivered again changes nothing; a
 * template's used count moves only when its coupon's row does.
 */
@Component
@ProcessingGroup(ProcessingGroups.PRODUCTS)
class CouponProjection {

    static final String USABLE = "usable";
    static final String LOCKED = "locked";
    static final String USED = "used";

    private final BatchTable<CouponTemplateViewEntity> templates;
    private final BatchTable<CouponViewEntity> coupons;

    CouponProjection(JdbcTemplate jdbc) {
        this.templates = new BatchTable<>(jdbc, Mapping.of(CouponTemplateViewEntity.class));
        this.coupons = new BatchTable<>(jdbc, Mapping.of(CouponViewEntity.class));
    }

    @EventHandler
    void on(CouponTemplateCreated e, @SequenceNumber long sequence) {
        if (templates.find(e.templateId()).isPresent()) {
            return;
        }
        CouponTerms terms = e.terms();
        CouponTemplateViewEntity row = new CouponTemplateViewEntity();
        row.templateId = e.templateId();
        row.shopId = e.shopId();
        row.name = e.name();
        row.type = terms.type().value();
        row.amount = terms.amount() == null ? null : terms.amount().amount();
        row.rate = terms.rate();
        row.minSpend = terms.minSpend().amount();
        row.categoryIds = JsonText.write(terms.categoryIds());
        row.excludeCategoryIds = JsonText.write(terms.excludeCategoryIds());
        row.memberLevels = JsonText.write(terms.memberLevels());
        row.perBuyerLimit = e.perBuyerLimit();
        row.total = e.total();
        row.claimFrom = e.validity().claimFrom();
        row.claimUntil = e.validity().claimUntil();
        row.useFrom = e.validity().useFrom();
        row.useUntil = e.validity().useUntil();
        row.validDays = e.validity().validDays();
        row.createdAt = e.at();
        row.version = sequence;
        templates.insert(row);
    }

    @EventHandler
    void on(CouponCodesGenerated e, @SequenceNumber long sequence) {
        template(e.templateId(), sequence, row -> row.codes += e.codeHashes().size());
    }

    @EventHandler
    void on(CouponIssued e, @SequenceNumber long sequence) {
        template(e.templateId(), sequence, row -> {
            row.issued++;
            if (e.codeHash() != null) {
                row.codes--;
            }
        });
    }

    @EventHandler
    void on(CouponReceived e, @SequenceNumber long sequence) {
        if (coupons.find(e.couponId()).isPresent()) {
            return;
        }
        CouponTerms terms = e.terms();
        CouponViewEntity row = new CouponViewEntity();
        row.couponId = e.couponId();
        row.buyerId = e.buyerId();
        row.templateId = e.templateId();
        row.shopId = terms.shopId();
        row.name = e.name();
        row.type = terms.type().value();
        row.amount = terms.amount() == null ? null : terms.amount().amount();
        row.rate = terms.rate();
        row.minSpend = terms.minSpend().amount();
        row.useFrom = e.useFrom();
        row.useUntil = e.useUntil();
        row.state = USABLE;
        row.orderIds = "";
        row.via = e.via();
        row.receivedAt = e.at();
        row.version = sequence;
        coupons.insert(row);
    }

    @EventHandler
    void on(CouponLocked e, @SequenceNumber long sequence) {
        coupon(e.couponId(), sequence, row -> {
            row.state = LOCKED;
            row.orderIds = String.join(",", e.orderIds());
        });
    }

    @EventHandler
    void on(CouponReleased e, @SequenceNumber long sequence) {
        coupon(e.couponId(), sequence, row -> {
            row.state = e.lockedBy().isEmpty() ? USABLE : LOCKED;
            row.orderIds = String.join(",", e.lockedBy());
        });
    }

    @EventHandler
    void on(CouponUsed e, @SequenceNumber long sequence) {
        coupon(e.couponId(), sequence, row -> {
            row.state = USED;
            row.orderIds = e.orderId();
            row.usedAt = e.at();
            templates.find(row.templateId).ifPresent(t -> {
                t.used++;
                templates.changed(t);
            });
        });
    }

    private void template(String templateId, long sequence, Consumer<CouponTemplateViewEntity> change) {
        templates.find(templateId).filter(row -> row.version < sequence).ifPresent(row -> {
            change.accept(row);
            row.version = sequence;
            templates.changed(row);
        });
    }

    private void coupon(String couponId, long sequence, Consumer<CouponViewEntity> change) {
        coupons.find(couponId).filter(row -> row.version < sequence).ifPresent(row -> {
            change.accept(row);
            row.version = sequence;
            coupons.changed(row);
        });
    }

    @ResetHandler
    void reset() {
        coupons.deleteAll();
        templates.deleteAll();
    }

    static List<String> ids(String joined) {
        return joined.isEmpty() ? List.of() : List.of(joined.split(","));
    }
}
