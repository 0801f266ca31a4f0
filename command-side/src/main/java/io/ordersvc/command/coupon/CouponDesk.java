package io.ordersvc.command.coupon;

import io.ordersvc.command.support.LockOrder;
import io.ordersvc.command.wallet.Wallets;
import io.ordersvc.platform.FeatureApi;
import io.ordersvc.shared.coupon.CouponCommand.ClaimCoupon;
import io.ordersvc.shared.coupon.CouponCommand.CreateCouponTemplate;
import io.ordersvc.shared.coupon.CouponCommand.ExchangeCoupon;
import io.ordersvc.shared.coupon.CouponCommand.GrantCoupons;
import io.ordersvc.shared.coupon.CouponTerms;
import io.ordersvc.shared.error.Refusal;
import io.ordersvc.shared.identity.Actor;
import io.ordersvc.shared.identity.Role;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.Repository;
import org.springframework.stereotype.Component;
import org.springframework.util.IdGenerator;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Coupons going to buyers: claimed, granted and exchanged for codes, each in one unit of work that loads the
 * template (which counts the total) and then the buyer's wallet (which counts the buyer's limit and holds the
 * coupon), in {@link LockOrder}. Checkout uses the exchange of a code through here too, before it loads the wallet.
 */
@Component
@FeatureApi
public class CouponDesk {

    private final Repository<CouponTemplate> templates;
    private final CodeIndex codes;
    private final Wallets wallets;
    private final IdGenerator ids;

    /** Finds the template of an exchange code (its hash). */
    public interface CodeIndex {
        Optional<String> templateOf(String codeHash);
    }

    public CouponDesk(Repository<CouponTemplate> templates, CodeIndex codes, Wallets wallets, IdGenerator ids) {
        this.templates = templates;
        this.codes = codes;
        this.wallets = wallets;
        this.ids = ids;
    }

    public record CouponTemplateAck(String couponTemplateId, long version) {
    }

    /** A coupon the buyer got; version: the buyer's wallet (GET /coupons?min_version=). */
    public record CouponAck(String couponId, String couponTemplateId, String name, Instant useFrom, Instant useUntil,
                            long version) {
    }

    public record CouponGranted(String buyerId, String couponId) {
    }

    public record CouponSkipped(String buyerId, String reason) {
    }

    public record CouponGrantAck(List<CouponGranted> granted, List<CouponSkipped> skipped) {
    }

    @CommandHandler
    CouponTemplateAck handle(CreateCouponTemplate cmd, Clock clock) throws Exception {
        var template = templates.newInstance(() -> new CouponTemplate(cmd, clock.instant()));
        return new CouponTemplateAck(cmd.templateId(), template.version());
    }

    @CommandHandler
    CouponAck handle(ClaimCoupon cmd, Clock clock) {
        requireBuyer(cmd.actor());
        return give(template(cmd.templateId()), cmd.actor().id(), CouponTemplate.VIA_CLAIM, null, clock.instant());
    }

    @CommandHandler
    CouponAck handle(ExchangeCoupon cmd, Clock clock) {
        requireBuyer(cmd.actor());
        String hash = CouponTemplate.hash(cmd.code());
        return give(templateOfCode(hash), cmd.actor().id(), CouponTemplate.VIA_CODE, hash, clock.instant());
    }

    @CommandHandler
    CouponGrantAck handle(GrantCoupons cmd, Clock clock) {
        if (!cmd.actor().is(Role.ADMIN)) {
            throw Refusal.forbidden("only admins grant coupons");
        }
        Aggregate<CouponTemplate> template = template(cmd.templateId());
        Instant now = clock.instant();
        List<CouponGranted> granted = new ArrayList<>();
        List<CouponSkipped> skipped = new ArrayList<>();
        int limit = template.invoke(t -> t.check(CouponTemplate.VIA_GRANT, null, now)).perBuyerLimit();
        for (String buyer : new TreeSet<>(cmd.buyerIds())) { // wallets in id order: LockOrder
            if (!wallets.roomForCoupon(buyer, cmd.templateId(), limit)) {
                skipped.add(new CouponSkipped(buyer, "COUPON_LIMIT_REACHED"));
                continue;
            }
            granted.add(new CouponGranted(buyer, give(template, buyer, CouponTemplate.VIA_GRANT, null, now).couponId()));
        }
        return new CouponGrantAck(granted, skipped);
    }

    /** A coupon that an exchange code would give, as checkout's preview shows it: nothing is issued. */
    public record Offered(String templateId, String name, CouponTerms terms, Instant useFrom, Instant useUntil) {
    }

    /**
     * What the code would give the buyer now; loads (locks) the code's template.
     *
     * @throws Refusal 422 INVALID_EXCHANGE_CODE, or why the template gives no coupon now
     */
    public Offered offered(String buyerId, String code, Instant now) {
        String hash = CouponTemplate.hash(code);
        CouponTemplate.Issue issue = templateOfCode(hash).invoke(t -> t.check(CouponTemplate.VIA_CODE, hash, now));
        if (!wallets.roomForCoupon(buyerId, issue.templateId(), issue.perBuyerLimit())) {
            throw Wallets.couponLimitReached(issue.perBuyerLimit());
        }
        return new Offered(issue.templateId(), issue.name(), issue.terms(), issue.window().useFrom(),
                issue.window().useUntil());
    }

    /** Exchanges the code for a coupon of the buyer, in the caller's unit of work; answers the coupon's id. */
    public String exchange(String buyerId, String code, Instant now) {
        String hash = CouponTemplate.hash(code);
        return give(templateOfCode(hash), buyerId, CouponTemplate.VIA_CODE, hash, now).couponId();
    }

    private CouponAck give(Aggregate<CouponTemplate> template, String buyerId, String via, String codeHash,
                           Instant now) {
        String couponId = ids.generateId().toString();
        String templateId = template.identifierAsString();
        CouponTemplate.Issue issue = template.invoke(t -> t.issue(couponId, buyerId, via, codeHash, now));
        wallets.receiveCoupon(buyerId, couponId, templateId, issue.name(), issue.terms(), issue.window(), via,
                issue.perBuyerLimit(), now);
        return new CouponAck(couponId, templateId, issue.name(), issue.window().useFrom(), issue.window().useUntil(),
                wallets.version(buyerId));
    }

    private Aggregate<CouponTemplate> templateOfCode(String hash) {
        Optional<String> templateId = codes.templateOf(hash);
        if (templateId.isEmpty()) {
            throw CouponTemplate.invalidCode();
        }
        return LockOrder.load(templates, LockOrder.Rank.COUPON_TEMPLATE, templateId.get(),
                id -> CouponTemplate.invalidCode());
    }

    private Aggregate<CouponTemplate> template(String templateId) {
        return LockOrder.load(templates, LockOrder.Rank.COUPON_TEMPLATE, templateId,
                id -> Refusal.notFound("COUPON_TEMPLATE_NOT_FOUND", "no coupon template " + id));
    }

    private static void requireBuyer(Actor actor) {
        if (!actor.is(Role.BUYER)) {
            throw Refusal.forbidden("only buyers hold coupons");
        }
    }
}
