package io.ordersvc.shared.order;

import io.ordersvc.shared.identity.Actor;
import io.ordersvc.shared.identity.ActorAware;
import io.ordersvc.shared.checkout.CheckoutRequest;
import io.ordersvc.shared.money.Money;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.List;

public sealed interface OrderCommand extends ActorAware {

    String orderId();

    Actor actor();

    /** POST /orders: checkout's buy-now path for one shop's goods, with checkout's optional fields. */
    record PlaceOrder(@TargetAggregateIdentifier String orderId, Actor actor, OrderType orderType, List<Item> items,
                      Receiver receiver, String buyerRemark, List<CheckoutRequest.GiftChoice> giftChoices,
                      Invoice invoice, Money expectedPayAmount, Assets assets, GroupChoice group)
            implements OrderCommand {

        public PlaceOrder(String orderId, Actor actor, OrderType orderType, List<Item> items, Receiver receiver,
                          String buyerRemark) {
            this(orderId, actor, orderType, items, receiver, buyerRemark, null, null, null, Assets.NONE, null);
        }

        /** A group order (拼团): opens a group of the campaign groupBuyId, or joins the group groupId. */
        public record GroupChoice(String groupBuyId, String groupId) {
        }

        public PlaceOrder {
            assets = assets == null ? Assets.NONE : assets;
        }

        /** What the buyer spends of their assets, as a checkout does (API.md: the same optional fields). */
        public record Assets(String couponId, String exchangeCode, long usePoints, Money useBalance,
                             CheckoutRequest.GiftCardChoice giftCard) {
            public static final Assets NONE = new Assets(null, null, 0, null, null);
        }

        public record Item(String skuId, int quantity) {
        }
    }

    record PayOrder(@TargetAggregateIdentifier String orderId, Actor actor, Money amount, PaymentChannel channel,
                    String transactionNo) implements OrderCommand {
    }

    /** lines empty: ship everything not yet shipped. */
    record ShipOrder(@TargetAggregateIdentifier String orderId, Actor actor, String shipmentId, String carrierCode,
                     String carrierName, String trackingNo, List<ShipmentLine> lines) implements OrderCommand {
    }

    record ConfirmReceipt(@TargetAggregateIdentifier String orderId, Actor actor) implements OrderCommand {
    }

    record CancelOrder(@TargetAggregateIdentifier String orderId, Actor actor, String reason) implements OrderCommand {
    }

    record ReviewOrder(@TargetAggregateIdentifier String orderId, Actor actor, int rating, String content)
            implements OrderCommand {
    }

    /** The payment window closed: the order timer cancels the unpaid order (actor: the system). */
    record ExpireOrder(@TargetAggregateIdentifier String orderId, Actor actor) implements OrderCommand {
    }

    /** The period after the last shipment passed without the buyer confirming, and no refund is open. */
    record AutoConfirmReceipt(@TargetAggregateIdentifier String orderId, Actor actor) implements OrderCommand {
    }

    record CloseReviewWindow(@TargetAggregateIdentifier String orderId, Actor actor) implements OrderCommand {
    }

    record CloseAfterSalesWindow(@TargetAggregateIdentifier String orderId, Actor actor) implements OrderCommand {
    }

    record DeleteOrder(@TargetAggregateIdentifier String orderId, Actor actor) implements OrderCommand {
    }

    /** The seller records the invoice issued for the order (API.md: POST /orders/{id}/invoice). */
    record IssueInvoice(@TargetAggregateIdentifier String orderId, Actor actor, String invoiceNo, String url)
            implements OrderCommand {
    }

    /** Gives back (delta above 0) or takes back stock a line released wrongly (admin: StockReconciliation). */
    record CorrectStockRelease(@TargetAggregateIdentifier String orderId, Actor actor, String orderLineId, int delta)
            implements OrderCommand {
    }

    /** The seller marks the waybill printed, or not (seed 001 is_print). */
    record MarkPrinted(@TargetAggregateIdentifier String orderId, Actor actor, boolean printed)
            implements OrderCommand {
    }

    /** The seller's private note and flag on the order (seed 001 service_remarks); null flag clears it. */
    record SetSellerRemark(@TargetAggregateIdentifier String orderId, Actor actor, String remark, SellerFlag flag)
            implements OrderCommand {
    }

    /** The buyer asks for more time before receipt is confirmed for them (seed 001 delay_time), once. */
    record ExtendReceipt(@TargetAggregateIdentifier String orderId, Actor actor) implements OrderCommand {
    }

    /**
     * 改价: the shop (or an admin) changes what an unpaid order costs: a new pay_amount, a new shipping fee, or both
     * (shipping first); null leaves that part as it is.
     */
    record AdjustPrice(@TargetAggregateIdentifier String orderId, Actor actor, Money payAmount, Money shippingFee,
                       String reason) implements OrderCommand {
    }

    /** The buyer or the shop sends the order somewhere else, before anything shipped; shipping is priced again. */
    record ChangeReceiver(@TargetAggregateIdentifier String orderId, Actor actor, Receiver receiver)
            implements OrderCommand {
    }
}
