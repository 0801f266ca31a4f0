package io.ordersvc.query.order;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.math.BigDecimal;
import java.time.Instant;

@Entity
@Table(name = "order_view")
class OrderViewEntity {
    @Id
    String orderId;
    String orderNo;
    String buyerId;
    String shopId;
    String orderType;
    String status;
    boolean reviewPending;
    boolean refundInProgress;
    /** Lines whose refund is applying or awaiting goods; refundInProgress is this above zero. */
    int openRefundLines;
    boolean refundFinished;
    boolean deletedByBuyer;
    boolean afterSalesClosed;
    BigDecimal goodsAmount;
    BigDecimal shippingFee;
    BigDecimal discountAmount;
    String payNo;
    String price;
    String invoice;
    String receiverRegionCode;
    BigDecimal payAmount;
    long pointsAmount;
    long pointsEarned;
    /**
     * The receiver's name, phone and street address sealed with the buyer's key (PersonalDataVault); their search
     * tokens are in order_receiver_token ({@link ReceiverTokenEntity}), as the product names and tracking numbers
     * searches match are in order_search ({@link OrderSearchEntity}).
     */
    String receiverName;
    String receiverPhone;
    String receiverProvince;
    String receiverCity;
    String receiverDistrict;
    String receiverAddress;
    String receiverZipcode;
    String buyerRemark;
    Instant createdAt;
    Instant payableUntil;
    Instant paidAt;
    BigDecimal paidAmount;
    String payChannel;
    String transactionNo;
    Instant shippedAt;
    Instant completedAt;
    Instant cancelledAt;
    String cancelReason;
    Integer reviewRating;
    String reviewContent;
    Instant reviewedAt;
    long version;
    Instant autoConfirmAt;
    Instant reviewUntil;
    Instant afterSalesUntil;
    boolean printed;
    boolean receiptExtended;
    String sellerRemark;
    String sellerFlag;
    Instant sellerRemarkAt;
    /** A group order's group (拼团), its campaign and its status as the order knows it (null: not a group order). */
    String groupId;
    String groupBuyId;
    String groupStatus;
    /** The order sells e-tickets; how many of them are in each state. */
    boolean ticketOrder;
    int ticketsUnused;
    int ticketsUsed;
    int ticketsExpired;
    int ticketsRefunded;
    /** When nothing more could happen to the order (see OrderProjection#finished); null while something can. */
    Instant finishedAt;
}
