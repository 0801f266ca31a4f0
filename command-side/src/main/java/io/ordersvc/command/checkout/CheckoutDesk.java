package io.ordersvc.command.checkout;

import io.ordersvc.command.cart.CartDesk;
import io.ordersvc.command.catalog.Product;
import io.ordersvc.command.coupon.CouponDesk;
import io.ordersvc.command.groupbuy.GroupDesk;
import io.ordersvc.command.catalog.SkuOwners;
import io.ordersvc.command.catalog.Stock;
import io.ordersvc.command.member.MemberBook;
import io.ordersvc.command.order.OrderNumbers;
import io.ordersvc.command.order.OrderPlacement;
import io.ordersvc.command.order.OrderSettings;
import io.ordersvc.command.payment.PaymentBook;
import io.ordersvc.command.promotion.RunningPromotions;
import io.ordersvc.command.shipping.FreightTemplates;
import io.ordersvc.command.wallet.GiftCards;
import io.ordersvc.command.wallet.WalletSettings;
import io.ordersvc.command.wallet.Wallets;
import io.ordersvc.shared.catalog.Buying;
import io.ordersvc.shared.checkout.CheckoutCommand.PreviewCheckout;
import io.ordersvc.shared.checkout.CheckoutCommand.SubmitCheckout;
import io.ordersvc.shared.checkout.CheckoutPlaced;
import io.ordersvc.shared.checkout.CheckoutPreview;
import io.ordersvc.shared.checkout.CheckoutRequest;
import io.ordersvc.shared.error.Refusal;
import io.ordersvc.shared.identity.Actor;
import io.ordersvc.shared.identity.Role;
import io.ordersvc.shared.money.Money;
import io.ordersvc.shared.order.OrderEvent.OrderPlaced;
import io.ordersvc.shared.order.OrderEvent.TicketsOrdered;
import io.ordersvc.shared.order.OrderCommand.PlaceOrder;
import io.ordersvc.shared.order.OrderLine;
import io.ordersvc.shared.order.OrderType;
import org.axonframework.commandhandling.CommandHandler;
import org.springframework.stereotype.Component;
import org.springframework.util.IdGenerator;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Preview and submit (seed 003 confirm.order.list with is_submit 0/1): the same body, the same code. A preview
 * quotes the products (nothing is taken) and reports every problem; a submit takes the stock of every shop's order
 * in one unit of work, prices them exactly as the preview does, and places one order per shop, all sharing a pay
 * number, or nothing when anything is refused. A checkout from the cart takes the cart's items in the same unit of
 * work: they leave the cart exactly when their orders are placed.
 */
@Component
public class CheckoutDesk {

    private final Stock stock;
    private final CheckoutPricing pricing;
    private final OrderPlacement placement;
    private final OrderNumbers numbers;
    private final OrderSettings settings;
    private final IdGenerator ids;
    private final CartDesk carts;

    private final Wallets wallets;
    private final GiftCards giftCards;
    private final CouponDesk coupons;
    private final PaymentBook payments;
    private final GroupDesk groups;

    private final io.ordersvc.platform.privacy.PersonalDataVault personalData;

    public CheckoutDesk(Stock stock, FreightTemplates templates, RunningPromotions promotions, MemberBook members,
                        OrderPlacement placement, OrderNumbers numbers, OrderSettings settings, IdGenerator ids,
                        CartDesk carts, Wallets wallets, WalletSettings walletSettings, GiftCards giftCards,
                        CouponDesk coupons, PaymentBook payments, GroupDesk groups,
                        io.ordersvc.platform.privacy.PersonalDataVault personalData) {
        this.personalData = personalData;
        this.groups = groups;
        this.coupons = coupons;
        this.payments = payments;
        this.carts = carts;
        this.giftCards = giftCards;
        this.wallets = wallets;
        this.stock = stock;
        this.pricing = new CheckoutPricing(templates, promotions, members, settings, walletSettings);
        this.placement = placement;
        this.numbers = numbers;
        this.settings = settings;
        this.ids = ids;
    }

    @CommandHandler
    public CheckoutPreview handle(PreviewCheckout cmd, Clock clock) {
        requireBuyer(cmd.actor().is(Role.BUYER));
        CheckoutRequest request = fromCart(cmd.request(), cmd.actor()).request();
        List<CheckoutPreview.CheckoutError> problems = new ArrayList<>();
        Wallets.Coupon offered = offered(request, cmd.actor().id(), clock.instant(), problems); // its template first
        Wallets.Standing wallet = wallets.standing(cmd.actor().id()); // before products: the lock order
        GiftCards.Standing card = request.giftCard() == null ? null
                : giftCards.standing(cmd.actor().id(), request.giftCard().number(), clock.instant());
        Basket basket = Basket.of(request);
        Map<String, SkuOwners.Owner> owners = stock.owners(basket.skuIds());
        for (String sku : basket.skuIds()) {
            if (!owners.containsKey(sku)) {
                problems.add(new CheckoutPreview.CheckoutError("UNKNOWN_SKU", "sku " + sku + " does not exist", sku));
            }
        }
        Map<String, Integer> known = new LinkedHashMap<>();
        basket.units().forEach((sku, units) -> {
            if (owners.containsKey(sku)) {
                known.put(sku, units);
            }
        });
        Map<String, Product.Reserved> quoted = new LinkedHashMap<>();
        Map<String, String> skuProblems = new LinkedHashMap<>();
        for (Product.Quote quote : known.isEmpty() ? List.<Product.Quote>of()
                : stock.quote(known, owners, request.orderType())) {
            quote.lines().forEach(r -> quoted.put(r.sku().skuId(), r));
            for (Product.Problem p : quote.problems()) {
                problems.add(new CheckoutPreview.CheckoutError(p.refusal().code(), p.refusal().getMessage(), p.skuId()));
                Product.Reserved line = quoted.get(p.skuId());
                skuProblems.put(p.skuId(), Buying.problem(p.refusal().code(),
                        line == null ? 0 : line.sku().available()));
            }
        }
        return pricing.price(request, basket, quoted, skuProblems, problems, cmd.actor().id(), clock.instant(),
                wallet, card, offered, null).preview();
    }

    /**
     * The coupon an exchange code would give, as the preview lists and applies it (nothing is issued); null when the
     * request has no code, or it gives nothing (the reason is one of the problems).
     */
    private Wallets.Coupon offered(CheckoutRequest request, String buyerId, Instant now,
                                   List<CheckoutPreview.CheckoutError> problems) {
        if (request.exchangeCode() == null) {
            return null;
        }
        try {
            CouponDesk.Offered offer = coupons.offered(buyerId, request.exchangeCode(), now);
            return new Wallets.Coupon(null, offer.templateId(), offer.name(), offer.terms(), offer.useFrom(),
                    offer.useUntil(), List.of());
        } catch (Refusal refusal) {
            problems.add(new CheckoutPreview.CheckoutError(refusal.code(), refusal.getMessage(), null));
            return null;
        }
    }

    @CommandHandler
    public CheckoutPlaced handle(SubmitCheckout cmd, Clock clock) throws Exception {
        return submit(cmd, null, null, clock);
    }

    /**
     * @param orderId the id of the one order a buy-now placement makes (null: new ones)
     * @param group   the group seat a group order took (null: none)
     */
    private CheckoutPlaced submit(SubmitCheckout cmd, String orderId, GroupDesk.Taken group, Clock clock)
            throws Exception {
        requireBuyer(cmd.actor().is(Role.BUYER));
        personalData.requireNotErased(cmd.actor().id());
        CartTaken cart = fromCart(cmd.request(), cmd.actor());
        CheckoutRequest request = cart.request();
        Basket basket = Basket.of(request);
        if (basket.units().isEmpty()) {
            throw Refusal.unprocessable("NO_ITEMS", "a checkout needs at least one item");
        }
        Map<String, SkuOwners.Owner> owners = stock.owners(basket.skuIds());
        for (String sku : basket.skuIds()) {
            if (!owners.containsKey(sku)) {
                throw Refusal.unprocessable("UNKNOWN_SKU", "sku " + sku + " does not exist");
            }
        }
        Set<String> shops = new LinkedHashSet<>();
        basket.skuIds().forEach(sku -> shops.add(owners.get(sku).shopId()));
        if (cmd.singleShop() && shops.size() > 1) {
            throw Refusal.unprocessable("MULTIPLE_SHOPS", "an order holds the goods of one shop; split the cart");
        }
        Map<String, String> orderOf = new LinkedHashMap<>();
        shops.forEach(shop -> orderOf.put(shop, orderId != null ? orderId : ids.generateId().toString()));
        Map<String, Map<String, Integer>> byOrder = new LinkedHashMap<>();
        basket.units().forEach((sku, units) -> byOrder
                .computeIfAbsent(orderOf.get(owners.get(sku).shopId()), o -> new LinkedHashMap<>()).put(sku, units));
        Instant now = clock.instant();
        if (request.exchangeCode() != null) { // the code's template before the wallet: the lock order
            request = request.withCoupon(coupons.exchange(cmd.actor().id(), request.exchangeCode(), now));
        }
        // The wallet is loaded (locked) before the products, and only by a checkout that spends from it.
        boolean spends = request.usePoints() > 0 || request.useBalance().isPositive() || request.giftCard() != null
                || request.couponId() != null || request.orderType() == OrderType.POINTS_EXCHANGE;
        Wallets.Standing wallet = spends ? wallets.standing(cmd.actor().id()) : Wallets.Standing.NONE;
        GiftCards.Standing card = request.giftCard() == null ? null
                : giftCards.standing(cmd.actor().id(), request.giftCard().number(), clock.instant());
        Map<String, Product.Reserved> reserved = stock.reserveAll(byOrder, owners, request.orderType());
        List<CheckoutPreview.CheckoutError> problems = new ArrayList<>();
        CheckoutPricing.Priced priced = pricing.price(request, basket, reserved, Map.of(), problems,
                cmd.actor().id(), now, wallet, card, null, group == null ? null : group.unitPrice());
        if (!problems.isEmpty()) {
            CheckoutPreview.CheckoutError first = problems.get(0);
            throw Refusal.unprocessable(first.code(), first.message());
        }
        Money pay = priced.total().payAmount();
        if (request.expectedPayAmount() != null && request.expectedPayAmount().compareTo(pay) != 0) {
            throw Refusal.conflict("PRICE_CHANGED", "the checkout now costs " + pay + ", not "
                    + request.expectedPayAmount()).with("preview", priced.preview());
        }
        String payNo = numbers.next();
        if (spends) {
            Wallets.CouponTake coupon = priced.coupon() == null ? null : new Wallets.CouponTake(
                    priced.coupon().couponId(), priced.shops().stream()
                    .filter(shop -> shop.price().couponDiscount().isPositive())
                    .map(shop -> orderOf.get(shop.shopId())).toList(), priced.total().couponDiscount());
            wallets.take(cmd.actor().id(), priced.shops().stream().map(shop -> new Wallets.Take(
                    orderOf.get(shop.shopId()), shop.price().pointsUsed(), shop.price().balanceAmount(),
                    shop.price().giftCardAmount())).toList(),
                    request.giftCard() == null ? null : request.giftCard().number(), coupon, now);
        }
        List<CheckoutPlaced.PlacedOrder> placed = new ArrayList<>();
        Instant payableUntil = now.plus(settings.paymentWindow());
        if (group != null && group.payBy().isBefore(payableUntil)) { // a seat is paid soon, before its group's end
            payableUntil = group.payBy();
        }
        for (CheckoutPricing.ShopOrder shop : priced.shops()) {
            List<OrderLine> lines = shop.lines().stream().map(l -> l.toOrderLine(ids.generateId().toString()))
                    .toList();
            TicketsOrdered tickets = CheckoutPricing.tickets(orderOf.get(shop.shopId()), shop.lines(), lines);
            OrderPlaced event = new OrderPlaced(orderOf.get(shop.shopId()), numbers.next(), payNo,
                    cmd.actor().id(), shop.shopId(), request.orderType(), lines, request.receiver(),
                    request.buyerRemark(), request.invoice().wanted() ? request.invoice() : null, shop.price(), now,
                    payableUntil);
            placed.add(placement.open(event, group == null ? null : group.joined(), tickets));
        }
        payments.open(payNo, cmd.actor().id(), placed.stream().filter(o -> o.payAmount().isPositive())
                .map(CheckoutPlaced.PlacedOrder::orderId).toList(), now);
        if (!cart.itemIds().isEmpty()) {
            carts.checkedOut(cmd.actor(), cart.itemIds(), payNo, clock);
        }
        return new CheckoutPlaced(payNo, pay, placed);
    }

    /** POST /orders: the buy-now placement of one shop's goods, through the same pricing. */
    @CommandHandler
    public CheckoutPlaced.PlacedOrder handle(PlaceOrder cmd, Clock clock) throws Exception {
        var r = cmd.receiver();
        var assets = cmd.assets();
        var request = new CheckoutRequest(cmd.orderType(), cmd.items().stream()
                .map(i -> new CheckoutRequest.Item(i.skuId(), i.quantity())).toList(), r, cmd.giftChoices(),
                assets.couponId(), assets.exchangeCode(), assets.usePoints(), assets.useBalance(), assets.giftCard(),
                cmd.invoice(), cmd.buyerRemark(), cmd.expectedPayAmount());
        GroupDesk.Taken group = null;
        if (cmd.group() != null) { // the group and its campaign are loaded first: the lock order
            requireBuyer(cmd.actor().is(Role.BUYER));
            if (cmd.orderType() == OrderType.POINTS_EXCHANGE) {
                throw Refusal.unprocessable("GROUP_ORDER_NOT_EXCHANGE", "a group order is paid in money")
                        .with("order_type", cmd.orderType());
            }
            group = groups.take(cmd.group(), cmd.actor(), cmd.orderId(), cmd.items(),
                    r == null ? null : r.name(), clock.instant());
        }
        return submit(new SubmitCheckout(request, true, cmd.actor()), cmd.orderId(), group, clock).orders().get(0);
    }

    /** The request with a cart's items resolved (loaded first: the cart comes before products in lock order). */
    private CartTaken fromCart(CheckoutRequest request, Actor buyer) {
        if (request.source() != CheckoutRequest.Source.CART) {
            return new CartTaken(request, List.of());
        }
        requireBuyer(buyer.is(Role.BUYER));
        List<CartDesk.Line> items = carts.items(buyer, request.cartItemIds());
        return new CartTaken(request.withItems(items.stream()
                .map(i -> new CheckoutRequest.Item(i.skuId(), i.quantity())).toList()),
                items.stream().map(CartDesk.Line::itemId).toList());
    }

    private record CartTaken(CheckoutRequest request, List<String> itemIds) {
    }

    private static void requireBuyer(boolean buyer) {
        if (!buyer) {
            throw Refusal.forbidden("only buyers check out");
        }
    }

    /** The units of each SKU a checkout takes (items and gifts together), and its gift choices. */
    record Basket(Map<String, Integer> items, List<CheckoutRequest.GiftChoice> gifts, Map<String, Integer> units) {

        static Basket of(CheckoutRequest request) {
            Map<String, Integer> items = new LinkedHashMap<>();
            request.items().forEach(i -> items.merge(i.skuId(), i.quantity(), Integer::sum));
            Map<String, Integer> units = new LinkedHashMap<>(items);
            request.giftChoices().forEach(g -> units.merge(g.skuId(), g.quantity(), Integer::sum));
            return new Basket(items, request.giftChoices(), units);
        }

        Set<String> skuIds() {
            return units.keySet();
        }
    }
}
