package io.ordersvc.command.coupon;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import io.ordersvc.platform.ids.ThreadRandom;
import io.ordersvc.shared.coupon.CouponCommand.CreateCouponTemplate;
import io.ordersvc.shared.coupon.CouponCommand.GenerateCouponCodes;
import io.ordersvc.shared.coupon.CouponEvent.CouponCodesGenerated;
import io.ordersvc.shared.coupon.CouponEvent.CouponIssued;
import io.ordersvc.shared.coupon.CouponEvent.CouponTemplateCreated;
import io.ordersvc.shared.coupon.CouponTerms;
import io.ordersvc.shared.coupon.CouponValidity;
import io.ordersvc.shared.error.Refusal;
import io.ordersvc.shared.identity.Actor;
import io.ordersvc.shared.identity.Role;
import io.ordersvc.shared.money.Money;
import org.apache.commons.codec.digest.DigestUtils;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateLifecycle;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.random.RandomGenerator;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A coupon template (seed 003 coupons): a shop's (or, with no shop, the platform's) terms, how many coupons it may
 * issue in all and to one buyer, and when they may be claimed and used. It counts every coupon it issues, claimed,
 * granted or exchanged for a code, and codes reserve their coupons when generated, so the total is never exceeded:
 * claims of one template take turns on it. The buyer's own limit is counted in the buyer's wallet, which holds the
 * coupons.
 */
@Aggregate(snapshotTriggerDefinition = "couponTemplateSnapshotTrigger")
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public class CouponTemplate {

    /** Code characters avoid 0/O and 1/I; 10 of these 32 are 50 random bits. */
    static final String CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    static final int CODE_LENGTH = 10;
    /** At most this many codes in one request: one event holds their hashes. */
    public static final int MAX_CODES = 1000;

    public static final String VIA_CLAIM = "claim";
    public static final String VIA_GRANT = "grant";
    public static final String VIA_CODE = "code";

    private static final RandomGenerator RANDOM = ThreadRandom.generator();

    @AggregateIdentifier
    private String templateId;
    private String shopId;
    private String name;
    private CouponTerms terms;
    private int perBuyerLimit;
    private int total;
    private int issued;
    private CouponValidity validity;
    /** The hashes of the codes not yet exchanged; each reserves one coupon of the total. */
    private Set<String> codes = new HashSet<>();

    public CouponTemplate() {
    }

    CouponTemplate(CreateCouponTemplate cmd, Instant now) {
        Actor actor = cmd.actor();
        if (cmd.shopId() == null ? !actor.is(Role.ADMIN) : !(actor.is(Role.ADMIN) || actor.isSellerOf(cmd.shopId()))) {
            throw Refusal.forbidden(cmd.shopId() == null ? "only admins create platform coupons"
                    : "sellers create coupons of their own shop");
        }
        CouponValidity v = cmd.validity();
        List<String> problems = new ArrayList<>();
        if (!v.claimFrom().isBefore(v.claimUntil())) {
            problems.add("claim_until: must be after claim_from");
        }
        if (!v.claimUntil().isAfter(now)) {
            problems.add("claim_until: must be in the future");
        }
        if (v.validDays() == null && (v.useFrom() == null || v.useUntil() == null)) {
            problems.add("use_from, use_until: required without valid_days");
        } else if (v.validDays() != null && (v.useFrom() != null || v.useUntil() != null)) {
            problems.add("valid_days: not with use_from or use_until");
        } else if (v.validDays() == null) {
            if (!v.useFrom().isBefore(v.useUntil())) {
                problems.add("use_until: must be after use_from");
            }
            if (v.useUntil().isBefore(v.claimUntil())) {
                problems.add("use_until: must not end before claim_until");
            }
        }
        problems.addAll(termsProblems(cmd.terms()));
        if (cmd.perBuyerLimit() > cmd.total()) {
            problems.add("per_buyer_limit: must not exceed total");
        }
        if (!problems.isEmpty()) {
            throw Refusal.unprocessable("INVALID_COUPON_TEMPLATE", String.join("; ", problems))
                    .with("problems", problems);
        }
        apply(new CouponTemplateCreated(cmd.templateId(), cmd.shopId(), cmd.name(), cmd.terms(), cmd.perBuyerLimit(),
                cmd.total(), v, actor.id(), now));
    }

    private static final Money MAX_AMOUNT = Money.of("100000.00");
    private static final Money MAX_MIN_SPEND = Money.of("10000000.00");

    private static List<String> termsProblems(CouponTerms terms) {
        List<String> problems = new ArrayList<>();
        switch (terms.type()) {
            case AMOUNT -> {
                if (terms.amount() == null) {
                    problems.add("amount: required for type amount");
                } else if (terms.amount().compareTo(MAX_AMOUNT) > 0) {
                    problems.add("amount: at most " + MAX_AMOUNT);
                } else if (terms.minSpend().isPositive() && terms.amount().compareTo(terms.minSpend()) >= 0) {
                    problems.add("amount: must be less than min_spend");
                }
                if (terms.rate() != null) {
                    problems.add("rate: only for type rate");
                }
            }
            case RATE -> {
                if (terms.rate() == null) {
                    problems.add("rate: required for type rate");
                }
                if (terms.amount() != null) {
                    problems.add("amount: only for type amount");
                }
            }
        }
        if (terms.minSpend().compareTo(MAX_MIN_SPEND) > 0) {
            problems.add("min_spend: at most " + MAX_MIN_SPEND);
        }
        if (terms.categoryIds().stream().anyMatch(terms.excludeCategoryIds()::contains)) {
            problems.add("exclude_category_ids: must not name a category of category_ids");
        }
        return problems;
    }

    public record CouponCodesAck(String couponTemplateId, List<String> codes, long version) {
    }

    @CommandHandler
    public CouponCodesAck handle(GenerateCouponCodes cmd, Clock clock) {
        requireOwner(cmd.actor());
        Instant now = clock.instant();
        if (!now.isBefore(validity.claimUntil())) {
            throw Refusal.unprocessable("COUPON_CLAIM_CLOSED", "the template's claim window has ended");
        }
        if (left() < cmd.count()) {
            throw exhausted();
        }
        List<String> plain = new ArrayList<>();
        List<String> hashes = new ArrayList<>();
        while (plain.size() < cmd.count()) {
            String code = code();
            String hash = hash(code);
            if (!codes.contains(hash) && !hashes.contains(hash)) {
                plain.add(code);
                hashes.add(hash);
            }
        }
        apply(new CouponCodesGenerated(templateId, hashes, cmd.actor().id(), now));
        return new CouponCodesAck(templateId, plain, AggregateLifecycle.getVersion());
    }

    /** What a coupon of this template is, when received now. */
    record Issue(String templateId, String name, CouponTerms terms, CouponValidity.Window window,
                 int perBuyerLimit) {
    }

    /**
     * Whether a coupon may go to a buyer now (claimed, exchanged for a code, or granted by an admin), without
     * issuing it: the preview of an exchange code uses this.
     */
    Issue check(String via, String codeHash, Instant now) {
        if (VIA_CODE.equals(via) && !codes.contains(codeHash)) {
            throw invalidCode();
        }
        if (VIA_GRANT.equals(via)) {
            if (!validity.usableAfter(now)) {
                throw Refusal.unprocessable("COUPON_CLAIM_CLOSED", "the template's coupons can no longer be used");
            }
        } else if (!validity.claimable(now)) {
            throw Refusal.unprocessable(now.isBefore(validity.claimFrom()) ? "COUPON_CLAIM_NOT_STARTED"
                    : "COUPON_CLAIM_CLOSED", "coupons of this template are claimed from " + validity.claimFrom()
                    + " until " + validity.claimUntil());
        }
        if (!VIA_CODE.equals(via) && left() < 1) {
            throw exhausted();
        }
        return new Issue(templateId, name, terms, validity.window(now), perBuyerLimit);
    }

    /** Issues one coupon to the buyer (the wallet has checked the buyer's limit). */
    Issue issue(String couponId, String buyerId, String via, String codeHash, Instant now) {
        Issue issue = check(via, codeHash, now);
        apply(new CouponIssued(templateId, couponId, buyerId, via, VIA_CODE.equals(via) ? codeHash : null, now));
        return issue;
    }

    /** An exchange code as stored and looked up: its SHA-256, of the code as typed in any case. */
    static String hash(String code) {
        return DigestUtils.sha256Hex(code.strip().toUpperCase(Locale.ROOT));
    }

    static Refusal invalidCode() {
        return Refusal.unprocessable("INVALID_EXCHANGE_CODE", "no such exchange code, or it was used");
    }

    private static String code() {
        StringBuilder code = new StringBuilder();
        for (int i = 0; i < CODE_LENGTH; i++) {
            code.append(CODE_ALPHABET.charAt(RANDOM.nextInt(CODE_ALPHABET.length())));
        }
        return code.toString();
    }

    private int left() {
        return total - issued - codes.size();
    }

    private Refusal exhausted() {
        return Refusal.unprocessable("COUPONS_EXHAUSTED", "the template's " + total + " coupons are all given out")
                .with("left", left());
    }

    private void requireOwner(Actor actor) {
        if (!(actor.is(Role.ADMIN) || (shopId != null && actor.isSellerOf(shopId)))) {
            throw Refusal.forbidden("only the template's shop or an admin manages its coupons");
        }
    }

    @EventSourcingHandler
    void on(CouponTemplateCreated e) {
        templateId = e.templateId();
        shopId = e.shopId();
        name = e.name();
        terms = e.terms();
        perBuyerLimit = e.perBuyerLimit();
        total = e.total();
        validity = e.validity();
    }

    @EventSourcingHandler
    void on(CouponCodesGenerated e) {
        codes.addAll(e.codeHashes());
    }

    @EventSourcingHandler
    void on(CouponIssued e) {
        issued++;
        if (e.codeHash() != null) {
            codes.remove(e.codeHash());
        }
    }
}
