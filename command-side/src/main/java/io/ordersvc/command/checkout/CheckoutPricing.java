package io.ordersvc.command.checkout;

import io.ordersvc.command.catalog.Product;
import io.ordersvc.command.member.MemberBook;
import io.ordersvc.command.order.OrderSettings;
import io.ordersvc.command.promotion.RunningPromotions;
import io.ordersvc.command.shipping.FreightTemplates;
import io.ordersvc.command.wallet.GiftCards;
import io.ordersvc.command.wallet.WalletSettings;
import io.ordersvc.command.wallet.Wallets;
import io.ordersvc.shared.catalog.ProductType;
import io.ordersvc.shared.checkout.AssetSplit;
import io.ordersvc.shared.checkout.CheckoutPreview;
import io.ordersvc.shared.checkout.CheckoutRequest;
import io.ordersvc.shared.checkout.LineType;
import io.ordersvc.shared.checkout.PriceBreakdown;
import io.ordersvc.shared.checkout.Pricing;
import io.ordersvc.shared.coupon.CouponRules;
import io.ordersvc.shared.coupon.CouponType;
import io.ordersvc.shared.coupon.UnusableReason;
import io.ordersvc.shared.error.DomainException;
import io.ordersvc.shared.money.Money;
import io.ordersvc.shared.order.OrderLine;
import io.ordersvc.shared.order.OrderType;
import io.ordersvc.shared.promotion.PromotionType;
import io.ordersvc.shared.shipping.FreightRules;
import io.ordersvc.shared.shipping.ShippingFees;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A checkout's numbers from the catalog data of the moment: the shared pricing (member price, promotions), then each
 * shop's shipping by its lines' templates, then the breakdown. Problems are collected, not thrown: a preview shows
 * them all, a submit refuses with the first.
 */
final class CheckoutPricing {

    private final FreightTemplates templates;
    private final RunningPromotions promotions;
    private final MemberBook members;
    private final OrderSettings settings;
    private final AssetSplit.PointsRate pointsRate;

    CheckoutPricing(FreightTemplates templates, RunningPromotions promotions, MemberBook members,
                    OrderSettings settings, WalletSettings wallet) {
        this.templates = templates;
        this.promotions = promotions;
        this.members = members;
        this.settings = settings;
        this.pointsRate = wallet.rate();
    }

    /** One line of an order to place: the catalog's snapshot and what it costs. */
    record ShopLine(Product.Reserved catalog, Pricing.PricedLine priced, boolean atLinePrice) {

        boolean ticket() {
            return catalog.settings().productType() == ProductType.E_TICKET;
        }

        OrderLine toOrderLine(String lineId) {
            var sku = catalog.sku();
            Pricing.PricedLine p = priced;
            boolean gift = p.line().type() != LineType.NORMAL;
            Money unit = gift || atLinePrice ? p.unitPrice() : sku.price();
            return new OrderLine(lineId, catalog.productId(), sku.skuId(), sku.skuCode(), catalog.productName(),
                    catalog.imageUrl(), sku.properties(), unit, sku.pointsPrice(), p.line().quantity(),
                    p.lineAmount(), p.line().type(), gift ? unit : p.memberPrice().compareTo(unit) > 0 ? unit
                    : p.memberPrice(), p.discountShare(), p.paidAmount(), p.promotionId());
        }
    }

    /**
     * pointsCap: the most points may pay of it (its lines' points_deductible, within what each line costs);
     * givePoints: the SKUs' give_points it earns, besides what its pay earns.
     */
    record ShopOrder(String shopId, List<ShopLine> lines, Money shippingFee, String freeReason, PriceBreakdown price,
                     List<CheckoutPreview.Line> invalid, List<Pricing.Applied> applied,
                     List<Pricing.Progress> progress, Money pointsCap, long givePoints) {

        ShopOrder paidWith(long pointsUsed, Money points, Money balance, Money giftCard, BigDecimal pointsPerYuan) {
            return new ShopOrder(shopId, lines, shippingFee, freeReason, price.paidWith(pointsUsed, points, balance,
                    giftCard, pointsPerYuan, givePoints), invalid, applied, progress, pointsCap, givePoints);
        }
    }

    /** @param coupon the coupon the checkout applies (null: none, or it takes nothing off) */
    record Priced(List<ShopOrder> shops, PriceBreakdown total, CheckoutPreview preview, Wallets.Coupon coupon) {
    }

    /**
     * @param catalog     sku id → the catalog's data (quoted or reserved); SKUs absent are unknown
     * @param skuProblems sku id → why it cannot be bought (a preview's invalid lines); they count in no amount
     * @param problems    where every problem found is added
     * @param wallet      what the buyer's wallet holds (NONE when the checkout spends nothing from it)
     * @param card        the gift card the request names, as the buyer may spend it (null: none, or not theirs)
     * @param offered     the coupon the request's exchange code would give (a preview's; null: none)
     * @param groupPrice a group order's unit price (null: none): no member price, promotion or gift applies, and
     *                   it ships free with no invoice fee (拼团包邮), so a failed group's refund returns every fen
     */
    Priced price(CheckoutRequest request, CheckoutDesk.Basket basket, Map<String, Product.Reserved> catalog,
                 Map<String, String> skuProblems, List<CheckoutPreview.CheckoutError> problems, String buyerId,
                 Instant now, Wallets.Standing wallet, GiftCards.Standing card, Wallets.Coupon offered,
                 Money groupPrice) {
        boolean exchange = request.orderType() == OrderType.POINTS_EXCHANGE;
        boolean group = groupPrice != null;
        Set<String> shops = new LinkedHashSet<>(); // in the order the buyer named the goods
        basket.units().keySet().stream().map(catalog::get).filter(java.util.Objects::nonNull)
                .forEach(r -> shops.add(r.shopId()));
        List<Pricing.Offer> offers = exchange || group ? List.of() : promotions.running(shops, now).stream()
                .map(r -> new Pricing.Offer(r.promotionId(), r.shopId(), r.rules())).toList();
        List<Pricing.Line> lines = new ArrayList<>();
        List<Product.Reserved> snapshots = new ArrayList<>();
        Map<String, List<CheckoutPreview.Line>> invalid = new LinkedHashMap<>();
        basket.items().forEach((sku, quantity) -> {
            Product.Reserved r = catalog.get(sku);
            if (r == null) {
                return;
            }
            if (skuProblems.containsKey(sku)) {
                invalid.computeIfAbsent(r.shopId(), s -> new ArrayList<>()).add(invalidLine(r, quantity,
                        LineType.NORMAL, null, skuProblems.get(sku)));
                return;
            }
            lines.add(Pricing.Line.normal(sku, r.productId(), r.shopId(), exchange ? Money.ZERO
                    : group ? groupPrice : r.sku().price(), quantity));
            snapshots.add(r);
        });
        for (CheckoutRequest.GiftChoice choice : basket.gifts()) {
            Product.Reserved r = catalog.get(choice.skuId());
            if (r == null || skuProblems.containsKey(choice.skuId())) {
                continue;
            }
            PromotionType type = offers.stream().filter(o -> o.promotionId().equals(choice.promotionId()))
                    .map(o -> o.rules().type()).findFirst().orElse(null);
            if (type != PromotionType.FREE_GIFT && type != PromotionType.ADD_ON_PURCHASE) {
                problems.add(new CheckoutPreview.CheckoutError("GIFT_NOT_OFFERED", "promotion " + choice.promotionId()
                        + " offers no gifts now", choice.skuId()));
                invalid.computeIfAbsent(r.shopId(), s -> new ArrayList<>()).add(invalidLine(r, choice.quantity(),
                        LineType.GIFT, choice.promotionId(), "gift_not_offered"));
                continue;
            }
            lines.add(new Pricing.Line(choice.skuId(), r.productId(), r.shopId(), r.sku().price(), choice.quantity(),
                    type == PromotionType.FREE_GIFT ? LineType.GIFT : LineType.ADD_ON, choice.promotionId()));
            snapshots.add(r);
        }
        MemberBook.Standing standing = exchange || group ? MemberBook.Standing.NONE : members.standing(buyerId);
        Pricing.Member member = new Pricing.Member(standing.level(), standing.discountRate());
        Pricing.Goods goods;
        List<Product.Reserved> priced = snapshots;
        try {
            goods = Pricing.price(lines, member, offers, now);
        } catch (DomainException e) { // a gift its promotion does not offer: shown, and the rest priced without gifts
            problems.add(new CheckoutPreview.CheckoutError(e.code(), e.getMessage(), null));
            List<Pricing.Line> normal = new ArrayList<>();
            priced = new ArrayList<>();
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).type() == LineType.NORMAL) {
                    normal.add(lines.get(i));
                    priced.add(snapshots.get(i));
                }
            }
            goods = Pricing.price(normal, member, offers, now);
        }
        Coupons coupons = coupons(request, goods, priced, wallet, offered, standing.level(), now, problems);
        goods = coupons.goods();
        List<ShopOrder> orders = new ArrayList<>();
        for (String shop : shops) {
            List<ShopLine> shopLines = new ArrayList<>();
            for (int i = 0; i < goods.lines().size(); i++) {
                if (goods.lines().get(i).line().shopId().equals(shop)) {
                    shopLines.add(new ShopLine(priced.get(i), goods.lines().get(i), group));
                }
            }
            List<CheckoutPreview.Line> shopInvalid = invalid.getOrDefault(shop, List.of());
            if (shopLines.isEmpty() && shopInvalid.isEmpty()) {
                continue;
            }
            orders.add(shopOrder(shop, shopLines, shopInvalid, goods, request, exchange, group, problems));
            ticketProblems(shopLines, now, problems);
        }
        orders = paidFromWallet(orders, request, wallet, card, exchange, problems);
        PriceBreakdown total = PriceBreakdown.sum(orders.stream().map(ShopOrder::price).toList());
        Money cap = orders.stream().map(o -> o.pointsCap().min(o.price().totalAmount())).reduce(Money.ZERO,
                Money::plus);
        long usable = exchange ? 0 : Math.min(wallet.points(), pointsRate.points(cap));
        CheckoutPreview.GiftCard cardView = request.giftCard() == null ? null : new CheckoutPreview.GiftCard(
                request.giftCard().number(), card == null ? Money.ZERO : card.usable());
        return new Priced(orders, total, preview(orders, total, coupons.options(), problems,
                new CheckoutPreview.Points(wallet.points(), usable - usable % pointsRate.pointsPerFen(),
                        pointsRate.yuanPer100()), wallet.balance(), cardView), coupons.applied());
    }

    /** The goods after the coupon, the coupon applied (null: none), and every coupon as the preview lists it. */
    private record Coupons(Pricing.Goods goods, Wallets.Coupon applied, List<CheckoutPreview.CouponOption> options) {
    }

    /**
     * The coupon comes after member price and promotions (API.md "Order of application"): it is judged on what is
     * left of each line, and what it takes off is apportioned to the lines it covers, to the fen. Every coupon the
     * buyer holds is listed with what it would take off these goods, or why it cannot be used; the usable ones
     * first, the largest first.
     */
    private Coupons coupons(CheckoutRequest request, Pricing.Goods goods, List<Product.Reserved> catalog,
                            Wallets.Standing wallet, Wallets.Coupon offered, Integer memberLevel, Instant now,
                            List<CheckoutPreview.CheckoutError> problems) {
        List<CouponRules.Line> lines = new ArrayList<>();
        for (int i = 0; i < goods.lines().size(); i++) {
            Pricing.PricedLine line = goods.lines().get(i);
            lines.add(new CouponRules.Line(line.line().skuId(), line.line().shopId(),
                    catalog.get(i).settings().categoryId(), line.paidAmount()));
        }
        List<Wallets.Coupon> held = new ArrayList<>(wallet.coupons());
        if (offered != null) {
            held.add(0, offered);
        }
        Wallets.Coupon chosen = offered != null ? offered : request.couponId() == null ? null : wallet.coupons()
                .stream().filter(c -> c.couponId().equals(request.couponId())).findFirst().orElse(null);
        if (request.couponId() != null && chosen == null) {
            problems.add(new CheckoutPreview.CheckoutError("COUPON_NOT_FOUND", "the buyer holds no unused coupon "
                    + request.couponId(), null));
        }
        List<CheckoutPreview.CouponOption> options = new ArrayList<>();
        Pricing.Goods after = goods;
        Wallets.Coupon applied = null;
        for (Wallets.Coupon coupon : held) {
            java.util.Optional<UnusableReason> reason = CouponRules.unusable(coupon.held(), lines, memberLevel, now);
            List<Money> shares = CouponRules.discounts(coupon.terms(), lines);
            Money off = shares.stream().reduce(Money.ZERO, Money::plus);
            boolean selected = coupon == chosen;
            // what it takes off these goods; one that cannot be used shows its face amount (a rate, what it would take)
            Money shown = reason.isPresent() && coupon.terms().type() == CouponType.AMOUNT ? coupon.terms().amount()
                    : off;
            options.add(new CheckoutPreview.CouponOption(coupon.couponId(), coupon.name(), shown, reason.isEmpty(),
                    reason.map(UnusableReason::value).orElse(null), coupon.useUntil(), selected));
            if (!selected) {
                continue;
            }
            if (reason.isPresent()) {
                problems.add(new CheckoutPreview.CheckoutError("COUPON_UNUSABLE", "coupon " + coupon.name()
                        + " cannot be used: " + reason.get().value(), null));
            } else if (off.isPositive()) {
                List<Pricing.PricedLine> priced = new ArrayList<>();
                for (int i = 0; i < goods.lines().size(); i++) {
                    priced.add(goods.lines().get(i).withCoupon(shares.get(i)));
                }
                after = new Pricing.Goods(priced, goods.applied(), goods.progress());
                applied = coupon;
            }
        }
        options.sort(java.util.Comparator.comparing((CheckoutPreview.CouponOption o) -> !o.usable())
                .thenComparing(CheckoutPreview.CouponOption::amount, java.util.Comparator.reverseOrder()));
        return new Coupons(after, applied, options);
    }

    /**
     * Points, then balance, pay part of the orders (API.md order of application), split over them in proportion to
     * what each may take; a points exchange's own price in points counts against the same points.
     */
    private List<ShopOrder> paidFromWallet(List<ShopOrder> orders, CheckoutRequest request, Wallets.Standing wallet,
                                           GiftCards.Standing card, boolean exchange,
                                           List<CheckoutPreview.CheckoutError> problems) {
        List<AssetSplit.Problem> found = new ArrayList<>();
        long usePoints = request.usePoints();
        if (exchange && usePoints > 0) {
            found.add(new AssetSplit.Problem("INVALID_POINTS", "a points exchange pays its price in points; "
                    + "use_points pays part of a physical order"));
            usePoints = 0;
        }
        Money useCard = request.giftCard() == null ? Money.ZERO : request.giftCard().amount();
        if (request.giftCard() != null) {
            if (card == null) {
                found.add(new AssetSplit.Problem("GIFT_CARD_NOT_FOUND", "no gift card " + request.giftCard().number()
                        + " is bound to the buyer"));
            } else if (card.expired()) {
                found.add(new AssetSplit.Problem("GIFT_CARD_EXPIRED", "gift card " + card.number() + " has expired"));
            } else if (useCard.compareTo(card.usable()) > 0) {
                found.add(new AssetSplit.Problem("INSUFFICIENT_GIFT_CARD", "the gift card holds " + card.usable()
                        + ", " + useCard + " asked"));
            }
        }
        AssetSplit.Split split = AssetSplit.split(orders.stream().map(o -> new AssetSplit.Part(
                o.price().totalAmount(), o.pointsCap())).toList(), usePoints, request.useBalance(), useCard,
                pointsRate, found);
        long pointsAsked = orders.stream().mapToLong(o -> o.price().pointsUsed()).sum()
                + split.pointsUsed().stream().mapToLong(Long::longValue).sum();
        if (pointsAsked > wallet.points()) {
            found.add(new AssetSplit.Problem("INSUFFICIENT_POINTS", wallet.points() + " points available, "
                    + pointsAsked + " asked"));
        }
        Money balanceAsked = split.balance().stream().reduce(Money.ZERO, Money::plus);
        if (balanceAsked.compareTo(wallet.balance()) > 0) {
            found.add(new AssetSplit.Problem("INSUFFICIENT_BALANCE", "balance " + wallet.balance() + ", "
                    + balanceAsked + " asked"));
        }
        found.forEach(p -> problems.add(new CheckoutPreview.CheckoutError(p.code(), p.message(), null)));
        List<ShopOrder> paid = new ArrayList<>();
        BigDecimal earnRate = exchange ? BigDecimal.ZERO : settings.pointsPerYuan();
        for (int i = 0; i < orders.size(); i++) {
            ShopOrder o = orders.get(i);
            paid.add(o.paidWith(o.price().pointsUsed() + split.pointsUsed().get(i), split.pointsAmount().get(i),
                    split.balance().get(i), split.giftCard().get(i), earnRate));
        }
        return paid;
    }

    /** The e-tickets an order sells, line by line (its lines as placed, in the same order); null when none. */
    static io.ordersvc.shared.order.OrderEvent.TicketsOrdered tickets(String orderId, List<ShopLine> shopLines,
                                                                     List<OrderLine> placed) {
        List<io.ordersvc.shared.order.OrderEvent.TicketLine> lines = new ArrayList<>();
        for (int i = 0; i < shopLines.size(); i++) {
            ShopLine line = shopLines.get(i);
            if (line.ticket()) {
                var terms = line.catalog().settings();
                lines.add(new io.ordersvc.shared.order.OrderEvent.TicketLine(placed.get(i).lineId(),
                        line.catalog().productName(), placed.get(i).quantity(), terms.ticketValidFrom(),
                        terms.ticketValidUntil()));
            }
        }
        return lines.isEmpty() ? null : new io.ordersvc.shared.order.OrderEvent.TicketsOrdered(orderId, lines);
    }

    /**
     * E-tickets are an order of their own (never shipped, completed by their codes), and one whose validity has
     * ended is not sold.
     */
    private static void ticketProblems(List<ShopLine> lines, Instant now, List<CheckoutPreview.CheckoutError> problems) {
        long tickets = lines.stream().filter(ShopLine::ticket).count();
        if (tickets > 0 && tickets < lines.size()) {
            problems.add(new CheckoutPreview.CheckoutError("MIXED_TICKET_ORDER", "e-tickets are ordered apart from "
                    + "goods that ship", lines.stream().filter(ShopLine::ticket).findFirst().orElseThrow()
                    .catalog().sku().skuId()));
        }
        for (ShopLine line : lines) {
            var terms = line.catalog().settings();
            if (line.ticket() && !now.isBefore(terms.ticketValidUntil())) {
                problems.add(new CheckoutPreview.CheckoutError("TICKET_VALIDITY_ENDED", "the tickets of "
                        + line.catalog().productName() + " were valid until " + terms.ticketValidUntil(),
                        line.catalog().sku().skuId()));
            }
        }
    }

    /** A line as shipping counts it: the catalog's terms of the moment, how many, and what is paid for them. */
    record Shipped(Product.Reserved catalog, int quantity, Money paid) {
    }

    /**
     * One order's shipping: its lines grouped by freight template, each group charged once by its rule, plus the
     * highest unified fee of lines without one; e-tickets ship nothing. Checkout and a receiver's change both ask.
     *
     * @throws DomainException REGION_CODE_REQUIRED, REGION_NOT_DELIVERABLE
     */
    static ShippingFees.OrderShipping shipping(FreightTemplates templates, List<Shipped> lines, String regionCode) {
        List<ShippingFees.ShippedLine> shipped = new ArrayList<>();
        Map<String, FreightRules> rules = new HashMap<>();
        for (Shipped line : lines) {
            var terms = line.catalog().settings();
            if (terms.productType() == ProductType.E_TICKET) {
                continue; // never shipped
            }
            String template = terms.freightTemplateId();
            if (template != null && !rules.containsKey(template)) {
                templates.find(template).ifPresent(t -> rules.put(template, t.rules()));
            }
            shipped.add(new ShippingFees.ShippedLine(template, terms.unifiedShippingFee(), line.quantity(),
                    line.catalog().sku().terms().weightGrams(), line.paid()));
        }
        return ShippingFees.forOrder(shipped, rules, regionCode);
    }

    private ShopOrder shopOrder(String shop, List<ShopLine> lines, List<CheckoutPreview.Line> invalid,
                                Pricing.Goods goods, CheckoutRequest request, boolean exchange, boolean group,
                                List<CheckoutPreview.CheckoutError> problems) {
        Money goodsAmount = Money.ZERO;
        Money memberOff = Money.ZERO;
        Money promotionOff = Money.ZERO;
        Money couponOff = Money.ZERO;
        long pointsUsed = 0;
        long givePoints = 0;
        Money pointsCap = Money.ZERO;
        List<Shipped> shipped = new ArrayList<>();
        for (ShopLine line : lines) {
            Pricing.PricedLine p = line.priced();
            goodsAmount = goodsAmount.plus(p.lineAmount());
            memberOff = memberOff.plus(p.memberDiscount());
            promotionOff = promotionOff.plus(p.promotionDiscount());
            couponOff = couponOff.plus(p.couponDiscount());
            var sku = line.catalog().sku();
            if (exchange) {
                pointsUsed += sku.pointsPrice() * p.line().quantity();
            } else if (p.line().type() == LineType.NORMAL) {
                givePoints += sku.terms().givePoints() * p.line().quantity();
                pointsCap = pointsCap.plus(sku.terms().pointsDeductible().times(p.line().quantity())
                        .min(p.paidAmount()));
            }
            shipped.add(new Shipped(line.catalog(), p.line().quantity(), p.paidAmount()));
        }
        Money shipping = Money.ZERO;
        String freeReason = group ? "group_buy" : null;
        if (!group) try {
            ShippingFees.OrderShipping fee = shipping(templates, shipped, request.receiver().regionCode());
            shipping = fee.fee();
            freeReason = fee.byTemplate().values().stream().map(ShippingFees.Quote::freeReason)
                    .filter(java.util.Objects::nonNull).findFirst().orElse(null);
        } catch (DomainException e) {
            problems.add(new CheckoutPreview.CheckoutError(e.code(), e.getMessage(), null));
        }
        BigDecimal invoiceRate = request.invoice().wanted() && !group ? settings.invoiceFeeRate() : BigDecimal.ZERO;
        PriceBreakdown price = PriceBreakdown.of(goodsAmount, memberOff, promotionOff, couponOff, shipping,
                Money.ZERO, invoiceRate, pointsUsed, Money.ZERO, Money.ZERO, Money.ZERO,
                exchange ? BigDecimal.ZERO : settings.pointsPerYuan(), givePoints);
        Set<String> skus = new LinkedHashSet<>();
        lines.forEach(l -> skus.add(l.priced().line().skuId()));
        List<Pricing.Applied> applied = goods.applied().stream()
                .filter(a -> a.skuIds().stream().anyMatch(skus::contains)).toList();
        List<Pricing.Progress> progress = goods.progress().stream()
                .filter(p -> p.shopId() == null || p.shopId().equals(shop)).toList();
        return new ShopOrder(shop, lines, shipping, freeReason, price, invalid, applied, progress, pointsCap,
                givePoints);
    }

    private static CheckoutPreview.Line invalidLine(Product.Reserved r, int quantity, LineType type,
                                                    String promotionId, String problem) {
        return new CheckoutPreview.Line(r.sku().skuId(), r.productId(), r.productName(), r.imageUrl(),
                r.sku().properties(), quantity, r.sku().price(), r.sku().price(), Money.ZERO, Money.ZERO, Money.ZERO,
                type, promotionId, false, problem);
    }

    private static CheckoutPreview preview(List<ShopOrder> orders, PriceBreakdown total,
                                           List<CheckoutPreview.CouponOption> coupons,
                                           List<CheckoutPreview.CheckoutError> problems,
                                           CheckoutPreview.Points points, Money balance,
                                           CheckoutPreview.GiftCard card) {
        List<CheckoutPreview.Shop> shops = new ArrayList<>();
        for (ShopOrder order : orders) {
            List<CheckoutPreview.Line> lines = new ArrayList<>();
            for (ShopLine line : order.lines()) {
                OrderLine l = line.toOrderLine(null);
                lines.add(new CheckoutPreview.Line(l.skuId(), l.productId(), l.productName(), l.imageUrl(),
                        l.properties(), l.quantity(), l.unitPrice(), l.memberPrice(), l.lineTotal(),
                        l.discountShare(), l.paidAmount(), l.lineType(), l.promotionId(), true, null));
            }
            lines.addAll(order.invalid());
            shops.add(new CheckoutPreview.Shop(order.shopId(), lines, order.applied(), order.progress(),
                    order.shippingFee(), order.freeReason(), order.price()));
        }
        return new CheckoutPreview(shops, total, coupons, points, new CheckoutPreview.Balance(balance), card,
                List.copyOf(problems));
    }
}
