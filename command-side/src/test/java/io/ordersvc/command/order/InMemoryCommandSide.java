package io.ordersvc.command.order;

import io.ordersvc.command.catalog.Product;
import io.ordersvc.command.checkout.CheckoutDesk;
import io.ordersvc.command.catalog.ProductEditing;
import io.ordersvc.command.catalog.SkuOwners;
import io.ordersvc.command.catalog.Stock;
import io.ordersvc.command.refund.Refund;
import io.ordersvc.command.refund.RefundHandler;
import io.ordersvc.shared.catalog.ProductEvent.ProductCreated;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.common.AxonConfigurationException;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.messaging.annotation.ClasspathParameterResolverFactory;
import org.axonframework.messaging.annotation.MultiParameterResolverFactory;
import org.axonframework.messaging.annotation.ParameterResolverFactory;
import org.axonframework.messaging.annotation.SimpleResourceParameterResolverFactory;
import org.axonframework.modelling.command.AggregateAnnotationCommandHandler;
import org.axonframework.commandhandling.AnnotationCommandHandlerAdapter;
import org.springframework.util.IdGenerator;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The command side's handlers and aggregates on an in-memory event store: what a multi-aggregate command appends,
 * stream by stream, can be read back exactly ({@link #appended}). Ids are predictable (id-1, id-2, ...).
 */
final class InMemoryCommandSide {

    /** One appended event: the stream it went to and its payload. */
    record Appended(String aggregateType, String aggregateId, Object payload) {
    }

    private final EmbeddedEventStore store = EmbeddedEventStore.builder()
            .storageEngine(new InMemoryEventStorageEngine()).build();
    private final SimpleCommandBus bus = SimpleCommandBus.builder().build();
    final CommandGateway commands = DefaultCommandGateway.builder().commandBus(bus).build();
    private final List<Appended> appended = new ArrayList<>();
    private final Map<String, SkuOwners.Owner> owners = new LinkedHashMap<>();
    private final Map<String, String> ticketOrders = new LinkedHashMap<>();
    private final AtomicLong nextId = new AtomicLong();
    final IdGenerator ids = () -> new UUID(0, nextId.incrementAndGet());
    final io.ordersvc.command.groupbuy.GroupDesk groupDesk;
    /** Ticket codes that repeat from run to run. */
    final TicketCodes codes = new TicketCodes(new java.util.Random(7));

    InMemoryCommandSide(Clock clock) {
        OrderSettings settings = OrderSettings.defaults();
        ParameterResolverFactory resolvers = MultiParameterResolverFactory.ordered(
                ClasspathParameterResolverFactory.forClass(Order.class),
                new SimpleResourceParameterResolverFactory(List.of(clock, settings, codes)));
        var orders = repository(Order.class, resolvers);
        var products = repository(Product.class, resolvers);
        var refunds = repository(Refund.class, resolvers);
        Stock stock = new Stock(products, skuIds -> {
            Map<String, SkuOwners.Owner> known = new LinkedHashMap<>();
            skuIds.forEach(id -> {
                if (owners.containsKey(id)) {
                    known.put(id, owners.get(id));
                }
            });
            return known;
        });
        var giftCards = new io.ordersvc.command.wallet.GiftCards(repository(
                io.ordersvc.command.wallet.GiftCard.class, resolvers), ids);
        var wallets = new io.ordersvc.command.wallet.Wallets(repository(io.ordersvc.command.wallet.Wallet.class,
                resolvers), giftCards);
        OrderPlacement placement = new OrderPlacement(orders, stock, wallets, codes);
        var payments = repository(io.ordersvc.command.payment.Payment.class, resolvers);
        new AnnotationCommandHandlerAdapter<>(new io.ordersvc.command.payment.PaymentDesk(payments, orders), resolvers)
                .subscribe(bus);
        var carts = new io.ordersvc.command.cart.CartDesk(repository(io.ordersvc.command.cart.Cart.class, resolvers),
                skuId -> java.util.Optional.empty());
        new AnnotationCommandHandlerAdapter<>(placement, resolvers).subscribe(bus);
        var refundHandler = new RefundHandler(refunds, orders, stock, wallets,
                new io.ordersvc.command.shop.ShopProfiles(repository(io.ordersvc.command.shop.Shop.class, resolvers)), ids);
        groupDesk = new io.ordersvc.command.groupbuy.GroupDesk(repository(
                io.ordersvc.command.groupbuy.GroupBuy.class, resolvers), repository(
                io.ordersvc.command.groupbuy.Group.class, resolvers), orders, stock, placement, refundHandler, ids,
                java.time.Duration.ofMinutes(15));
        new AnnotationCommandHandlerAdapter<>(groupDesk, resolvers).subscribe(bus);
        new AnnotationCommandHandlerAdapter<>(new CheckoutDesk(stock, id -> java.util.Optional.empty(),
                (shops, at) -> List.of(), new io.ordersvc.command.member.MemberBook(store, java.time.Duration.ZERO), placement, new OrderNumbers(clock, 7), settings, ids,
                carts, wallets, io.ordersvc.command.wallet.WalletSettings.defaults(),
                giftCards, new io.ordersvc.command.coupon.CouponDesk(repository(
                        io.ordersvc.command.coupon.CouponTemplate.class, resolvers), hash -> java.util.Optional.empty(),
                        wallets, ids), new io.ordersvc.command.payment.PaymentBook(payments), groupDesk,
                io.ordersvc.platform.privacy.PersonalDataVault.inMemory()), resolvers)
                .subscribe(bus);
        new AnnotationCommandHandlerAdapter<>(new ProductEditing(products, id -> java.util.Optional.empty()),
                resolvers).subscribe(bus);
        new AnnotationCommandHandlerAdapter<>(refundHandler, resolvers).subscribe(bus);
        new AnnotationCommandHandlerAdapter<>(new io.ordersvc.command.ticket.TicketDesk(orders,
                code -> java.util.Optional.ofNullable(ticketOrders.get(code)), refundHandler), resolvers).subscribe(bus);
        // Its handler only: finding corrections reads the database (StockReconciliation.find).
        new AnnotationCommandHandlerAdapter<>(new StockReconciliation(store, null, orders, stock), resolvers)
                .subscribe(bus);
        store.subscribe(messages -> messages.forEach(m -> {
            if (m instanceof DomainEventMessage<?> domain) {
                appended.add(new Appended(domain.getType(), domain.getAggregateIdentifier(), domain.getPayload()));
                if (domain.getPayload() instanceof io.ordersvc.shared.order.OrderEvent.TicketsIssued issued) {
                    issued.tickets().forEach(t -> ticketOrders.put(t.code(), issued.orderId()));
                }
                if (domain.getPayload() instanceof ProductCreated created) {
                    created.skus().forEach(s -> owners.put(s.skuId(),
                            new SkuOwners.Owner(created.productId(), created.shopId())));
                }
            }
        }));
    }

    private <T> EventSourcingRepository<T> repository(Class<T> type, ParameterResolverFactory resolvers) {
        EventSourcingRepository<T> repository = EventSourcingRepository.builder(type).eventStore(store)
                .parameterResolverFactory(resolvers).build();
        try {
            AggregateAnnotationCommandHandler.<T>builder().aggregateType(type).repository(repository)
                    .parameterResolverFactory(resolvers).build().subscribe(bus);
        } catch (AxonConfigurationException e) {
            throw new IllegalStateException(e);
        }
        return repository;
    }

    /** Appends an event as stored by an earlier version, bypassing every handler. */
    void storeAsBefore(String aggregateType, String aggregateId, long sequence, Object payload) {
        var unitOfWork = org.axonframework.messaging.unitofwork.DefaultUnitOfWork.startAndGet(null);
        store.publish(new org.axonframework.eventhandling.GenericDomainEventMessage<>(aggregateType, aggregateId,
                sequence, payload));
        unitOfWork.commit();
    }

    <R> R send(Object command) {
        return commands.sendAndWait(command);
    }

    /** Everything appended since the last call, in order; the list is emptied. */
    List<Appended> appended() {
        List<Appended> copy = List.copyOf(appended);
        appended.clear();
        return copy;
    }
}
