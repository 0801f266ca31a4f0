package io.ordersvc.command.payment;

import com.wechat.pay.java.core.RSAPublicKeyConfig;
import com.wechat.pay.java.core.http.DefaultHttpClientBuilder;
import com.wechat.pay.java.core.http.HttpClient;
import com.wechat.pay.java.core.notification.NotificationParser;
import com.wechat.pay.java.core.notification.RSAPublicKeyNotificationConfig;
import com.wechat.pay.java.core.notification.RequestParam;
import com.wechat.pay.java.service.payments.app.AppServiceExtension;
import com.wechat.pay.java.service.payments.jsapi.JsapiServiceExtension;
import com.wechat.pay.java.service.payments.model.Transaction;
import io.ordersvc.shared.error.Refusal;
import io.ordersvc.shared.money.Money;
import io.ordersvc.shared.order.PaymentChannel;
import io.ordersvc.shared.payment.PaymentCommand;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import org.springframework.http.ResponseEntity;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * WeChat Pay API v3 (APP and JSAPI), through WeChat Pay's SDK with the WeChat Pay public key: the prepay call (the
 * channel hands out the prepay_id), the client's signed parameters, and notifications verified and decrypted.
 * Amounts are fen; times RFC 3339 in Beijing time.
 */
final class WechatChannel implements ChannelGateway {

    private final PaymentSettings settings;
    private final PaymentSettings.Wechat wechat;
    private final AppServiceExtension app;
    private final JsapiServiceExtension jsapi;
    private final NotificationParser notifications;
    private final com.wechat.pay.java.service.refund.RefundService refunds;

    WechatChannel(PaymentSettings settings) {
        this.settings = settings;
        this.wechat = settings.wechat();
        if (wechat.on()) {
            RSAPublicKeyConfig config = new RSAPublicKeyConfig.Builder().merchantId(wechat.mchId())
                    .privateKey(wechat.privateKey()).merchantSerialNumber(wechat.merchantSerialNo())
                    .publicKey(wechat.publicKey()).publicKeyId(wechat.publicKeyId()).apiV3Key(wechat.apiV3Key())
                    .build();
            HttpClient http = new DefaultHttpClientBuilder().config(config).okHttpClient(okHttp(wechat.baseUrl()))
                    .build();
            this.app = new AppServiceExtension.Builder().config(config).httpClient(http).build();
            this.jsapi = new JsapiServiceExtension.Builder().config(config).httpClient(http).build();
            this.refunds = new com.wechat.pay.java.service.refund.RefundService.Builder().config(config)
                    .httpClient(http).build();
            this.notifications = new NotificationParser(new RSAPublicKeyNotificationConfig.Builder()
                    .publicKey(wechat.publicKey()).publicKeyId(wechat.publicKeyId()).apiV3Key(wechat.apiV3Key())
                    .build());
        } else {
            this.app = null;
            this.jsapi = null;
            this.refunds = null;
            this.notifications = null;
        }
    }

    /** WeChat Pay's host, or the one configured instead (a test's local server): every call goes there. */
    static OkHttpClient okHttp(String baseUrl) {
        HttpUrl base = HttpUrl.get(baseUrl);
        return new OkHttpClient.Builder().connectTimeout(3, TimeUnit.SECONDS).readTimeout(10, TimeUnit.SECONDS)
                .addInterceptor(chain -> chain.proceed(chain.request().newBuilder().url(chain.request().url()
                        .newBuilder().scheme(base.scheme()).host(base.host()).port(base.port()).build()).build()))
                .build();
    }

    @Override
    public Set<PaymentChannel> serves() {
        return Set.of(PaymentChannel.WECHAT_APP, PaymentChannel.WECHAT_JSAPI);
    }

    @Override
    public boolean on() {
        return wechat.on();
    }

    @Override
    public Map<String, Object> params(PaymentDesk.PaymentDue due, Extras extras) {
        String description = AlipayChannel.subject(due);
        description = description.length() > 127 ? description.substring(0, 127) : description;
        String expires = due.payableUntil().atZone(AlipayChannel.BEIJING).toOffsetDateTime()
                .format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
        int fen = due.amount().amount().movePointRight(2).intValueExact();
        String notifyUrl = settings.notifyUrl(due.channel().value());
        Map<String, Object> params = new LinkedHashMap<>();
        try {
            if (due.channel() == PaymentChannel.WECHAT_APP) {
                var request = new com.wechat.pay.java.service.payments.app.model.PrepayRequest();
                var amount = new com.wechat.pay.java.service.payments.app.model.Amount();
                amount.setTotal(fen);
                amount.setCurrency("CNY");
                request.setAppid(wechat.appId());
                request.setMchid(wechat.mchId());
                request.setDescription(description);
                request.setOutTradeNo(due.outTradeNo());
                request.setTimeExpire(expires);
                request.setNotifyUrl(notifyUrl);
                request.setAmount(amount);
                var answer = app.prepayWithRequestPayment(request);
                params.put("appid", answer.getAppid());
                params.put("partnerid", answer.getPartnerId());
                params.put("prepayid", answer.getPrepayId());
                params.put("package", answer.getPackageVal());
                params.put("noncestr", answer.getNonceStr());
                params.put("timestamp", answer.getTimestamp());
                params.put("sign", answer.getSign());
                return params;
            }
            requireExtras(due.channel(), extras);
            var request = new com.wechat.pay.java.service.payments.jsapi.model.PrepayRequest();
            var amount = new com.wechat.pay.java.service.payments.jsapi.model.Amount();
            amount.setTotal(fen);
            amount.setCurrency("CNY");
            var payer = new com.wechat.pay.java.service.payments.jsapi.model.Payer();
            payer.setOpenid(extras.openId());
            request.setAppid(wechat.appId());
            request.setMchid(wechat.mchId());
            request.setDescription(description);
            request.setOutTradeNo(due.outTradeNo());
            request.setTimeExpire(expires);
            request.setNotifyUrl(notifyUrl);
            request.setAmount(amount);
            request.setPayer(payer);
            var answer = jsapi.prepayWithRequestPayment(request);
            params.put("appId", answer.getAppId());
            params.put("timeStamp", answer.getTimeStamp());
            params.put("nonceStr", answer.getNonceStr());
            params.put("package", answer.getPackageVal());
            params.put("signType", answer.getSignType());
            params.put("paySign", answer.getPaySign());
            return params;
        } catch (Refusal refusal) {
            throw refusal;
        } catch (RuntimeException e) { // the SDK's own exceptions, and its parser failing on an answer not JSON
            throw Refusal.unavailable("CHANNEL_UNAVAILABLE", "WeChat Pay did not take the prepay request ("
                    + e.getClass().getSimpleName() + "); the same request may be repeated");
        }
    }

    @Override
    public void requireExtras(PaymentChannel channel, Extras extras) {
        if (channel == PaymentChannel.WECHAT_JSAPI && extras.openId() == null) {
            throw Refusal.unprocessable("OPENID_REQUIRED", "wechat_jsapi pays as a WeChat user: send openid");
        }
    }

    @Override
    public Notice verify(Inbound inbound) {
        var headers = inbound.headers();
        Transaction trade;
        try {
            trade = notifications.parse(new RequestParam.Builder()
                    .serialNumber(headers.getFirst("Wechatpay-Serial"))
                    .nonce(headers.getFirst("Wechatpay-Nonce"))
                    .signature(headers.getFirst("Wechatpay-Signature"))
                    .timestamp(headers.getFirst("Wechatpay-Timestamp"))
                    .signType(headers.getFirst("Wechatpay-Signature-Type"))
                    .body(inbound.body() == null ? "" : inbound.body()).build(), Transaction.class);
        } catch (RuntimeException e) { // ValidationException, a decryption failure, an unreadable body
            throw Refusal.badRequest("BAD_SIGNATURE", "the notification does not verify with WeChat Pay's key "
                    + "or does not decrypt with the APIv3 key");
        }
        if (!wechat.appId().equals(trade.getAppid()) || !wechat.mchId().equals(trade.getMchid())) {
            throw Refusal.badRequest("BAD_SIGNATURE", "the notification is for another app or merchant");
        }
        if (trade.getOutTradeNo() == null || trade.getTransactionId() == null || trade.getAmount() == null
                || trade.getAmount().getTotal() == null) {
            throw Refusal.badRequest("VALIDATION_FAILED", "out_trade_no, transaction_id or amount is missing");
        }
        java.time.Instant paidAt = null;
        try {
            paidAt = trade.getSuccessTime() == null ? null : OffsetDateTime.parse(trade.getSuccessTime()).toInstant();
        } catch (DateTimeParseException e) {
            throw Refusal.badRequest("VALIDATION_FAILED", "success_time cannot be read");
        }
        return new Notice(PaymentCommand.payNoOf(trade.getOutTradeNo()), trade.getOutTradeNo(),
                trade.getTransactionId(), new Money(BigDecimal.valueOf(trade.getAmount().getTotal(), 2)),
                trade.getTradeState() == Transaction.TradeStateEnum.SUCCESS, paidAt);
    }

    /**
     * A refund on the WeChat Pay transaction, idempotent on out_refund_no. PROCESSING is asked again later (the same
     * request answers the refund's state); a 5xx, SYSTEM_ERROR or no answer too; any other refusal is final.
     */
    @Override
    public PayoutAnswer refund(Payout payout) {
        var request = new com.wechat.pay.java.service.refund.model.CreateRequest();
        var amount = new com.wechat.pay.java.service.refund.model.AmountReq();
        amount.setRefund(payout.amount().amount().movePointRight(2).longValueExact());
        amount.setTotal(payout.tradeAmount().amount().movePointRight(2).longValueExact());
        amount.setCurrency("CNY");
        request.setTransactionId(payout.tradeNo());
        request.setOutRefundNo(payout.payoutId());
        request.setReason(payout.reason());
        request.setAmount(amount);
        try {
            var refund = refunds.create(request);
            return switch (refund.getStatus()) {
                case SUCCESS -> new PayoutAnswer.Paid(refund.getRefundId());
                case PROCESSING -> new PayoutAnswer.Later("WeChat Pay is processing refund " + refund.getRefundId());
                default -> new PayoutAnswer.Refused("WeChat Pay: refund " + refund.getRefundId() + " is "
                        + refund.getStatus());
            };
        } catch (com.wechat.pay.java.core.exception.ServiceException e) {
            String why = "WeChat Pay " + e.getHttpStatusCode() + " " + e.getErrorCode() + ": " + e.getErrorMessage();
            return e.getHttpStatusCode() >= 500 || "SYSTEM_ERROR".equals(e.getErrorCode())
                    || "FREQUENCY_LIMITED".equals(e.getErrorCode()) ? new PayoutAnswer.Later(why)
                    : new PayoutAnswer.Refused(why);
        } catch (RuntimeException e) { // no answer, or one the SDK could not read
            return new PayoutAnswer.Later("WeChat Pay: " + e.getClass().getSimpleName() + " " + e.getMessage());
        }
    }

    @Override
    public ResponseEntity<?> taken() {
        return ResponseEntity.ok(Map.of("code", "SUCCESS", "message", "成功"));
    }
}
