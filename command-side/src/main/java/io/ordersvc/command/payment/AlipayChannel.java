package io.ordersvc.command.payment;

import com.alipay.api.AlipayApiException;
import com.alipay.api.AlipayClient;
import com.alipay.api.AlipayConfig;
import com.alipay.api.DefaultAlipayClient;
import com.alipay.api.domain.AlipayTradeAppPayModel;
import com.alipay.api.domain.AlipayTradeWapPayModel;
import com.alipay.api.internal.util.AlipaySignature;
import com.alipay.api.request.AlipayTradeAppPayRequest;
import com.alipay.api.request.AlipayTradeWapPayRequest;
import com.alipay.api.domain.AlipayTradeRefundModel;
import com.alipay.api.request.AlipayTradeRefundRequest;
import com.alipay.api.response.AlipayTradeRefundResponse;
import io.ordersvc.shared.error.Refusal;
import io.ordersvc.shared.money.Money;
import io.ordersvc.shared.order.PaymentChannel;
import io.ordersvc.shared.payment.PaymentCommand;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Set;

/**
 * Alipay (alipay.trade.app.pay and alipay.trade.wap.pay), through Alipay's SDK: it builds and RSA2-signs the order
 * string the app SDK takes and the URL a mobile browser opens, and verifies notifications with Alipay's public key.
 * Times are Beijing time, as Alipay writes them.
 */
final class AlipayChannel implements ChannelGateway {

    static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");
    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private final PaymentSettings settings;
    private final PaymentSettings.Alipay alipay;
    private final AlipayClient client;

    AlipayChannel(PaymentSettings settings) {
        this.settings = settings;
        this.alipay = settings.alipay();
        this.client = alipay.on() ? client(alipay) : null;
    }

    static AlipayClient client(PaymentSettings.Alipay alipay) {
        AlipayConfig config = new AlipayConfig();
        config.setServerUrl(alipay.gatewayUrl());
        config.setAppId(alipay.appId());
        config.setPrivateKey(alipay.privateKey());
        config.setAlipayPublicKey(alipay.alipayPublicKey());
        config.setFormat("json");
        config.setCharset("UTF-8");
        config.setSignType("RSA2");
        config.setConnectTimeout(3000);
        config.setReadTimeout(10000);
        try {
            return new DefaultAlipayClient(config);
        } catch (AlipayApiException e) {
            throw new IllegalStateException("orders.payment.alipay: " + e.getMessage(), e);
        }
    }

    @Override
    public Set<PaymentChannel> serves() {
        return Set.of(PaymentChannel.ALIPAY_APP, PaymentChannel.ALIPAY_WAP);
    }

    @Override
    public boolean on() {
        return alipay.on();
    }

    @Override
    public Map<String, Object> params(PaymentDesk.PaymentDue due, Extras extras) {
        String subject = subject(due);
        String expires = TIME.format(due.payableUntil().atZone(BEIJING));
        try {
            if (due.channel() == PaymentChannel.ALIPAY_APP) {
                AlipayTradeAppPayModel model = new AlipayTradeAppPayModel();
                model.setOutTradeNo(due.outTradeNo());
                model.setTotalAmount(due.amount().toString());
                model.setSubject(subject);
                model.setTimeExpire(expires);
                model.setProductCode("QUICK_MSECURITY_PAY");
                AlipayTradeAppPayRequest request = new AlipayTradeAppPayRequest();
                request.setBizModel(model);
                request.setNotifyUrl(settings.notifyUrl(due.channel().value()));
                return Map.of("order_string", client.sdkExecute(request).getBody());
            }
            AlipayTradeWapPayModel model = new AlipayTradeWapPayModel();
            model.setOutTradeNo(due.outTradeNo());
            model.setTotalAmount(due.amount().toString());
            model.setSubject(subject);
            model.setTimeExpire(expires);
            model.setProductCode("QUICK_WAP_WAY");
            if (extras.returnUrl() != null) {
                model.setQuitUrl(extras.returnUrl());
            }
            AlipayTradeWapPayRequest request = new AlipayTradeWapPayRequest();
            request.setBizModel(model);
            request.setNotifyUrl(settings.notifyUrl(due.channel().value()));
            if (extras.returnUrl() != null) {
                request.setReturnUrl(extras.returnUrl());
            }
            return Map.of("url", client.pageExecute(request, "GET").getBody());
        } catch (AlipayApiException e) {
            throw new IllegalStateException("Alipay's SDK could not sign: " + e.getMessage(), e);
        }
    }

    static String subject(PaymentDesk.PaymentDue due) {
        return due.orderNos().size() == 1 ? "Order " + due.orderNos().get(0)
                : "Orders " + String.join(", ", due.orderNos());
    }

    @Override
    public Notice verify(Inbound inbound) {
        Map<String, String> form = inbound.form();
        boolean signed;
        try {
            signed = form.containsKey("sign") && AlipaySignature.rsaCheckV1(new java.util.HashMap<>(form),
                    alipay.alipayPublicKey(), "UTF-8", "RSA2");
        } catch (AlipayApiException | RuntimeException e) {
            signed = false;
        }
        if (!signed) {
            throw Refusal.badRequest("BAD_SIGNATURE", "the notification's sign does not verify with Alipay's key");
        }
        if (!alipay.appId().equals(form.get("app_id"))) {
            throw Refusal.badRequest("BAD_SIGNATURE", "the notification is for app " + form.get("app_id"));
        }
        String outTradeNo = field(form, "out_trade_no");
        String status = form.getOrDefault("trade_status", "");
        boolean paid = status.equals("TRADE_SUCCESS") || status.equals("TRADE_FINISHED");
        Money amount;
        Instant paidAt;
        try {
            amount = Money.of(field(form, "total_amount"));
            paidAt = form.get("gmt_payment") == null ? null
                    : LocalDateTime.parse(form.get("gmt_payment"), TIME).atZone(BEIJING).toInstant();
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw Refusal.badRequest("VALIDATION_FAILED", "total_amount or gmt_payment cannot be read");
        }
        return new Notice(PaymentCommand.payNoOf(outTradeNo), outTradeNo, field(form, "trade_no"), amount, paid,
                paidAt);
    }

    /**
     * alipay.trade.refund on the trade number, idempotent on out_request_no (asked again, Alipay answers the refund
     * it made). A system error or no answer is asked again later; any other refusal is final.
     */
    @Override
    public PayoutAnswer refund(Payout payout) {
        AlipayTradeRefundModel model = new AlipayTradeRefundModel();
        model.setTradeNo(payout.tradeNo());
        model.setRefundAmount(payout.amount().toString());
        model.setOutRequestNo(payout.payoutId());
        model.setRefundReason(payout.reason());
        AlipayTradeRefundRequest request = new AlipayTradeRefundRequest();
        request.setBizModel(model);
        try {
            AlipayTradeRefundResponse answer = client.execute(request);
            if (answer.isSuccess()) {
                return new PayoutAnswer.Paid(answer.getTradeNo() + "/" + payout.payoutId());
            }
            String why = answer.getCode() + " " + answer.getSubCode() + ": " + answer.getSubMsg();
            return answer.getSubCode() == null || answer.getSubCode().endsWith("SYSTEM_ERROR")
                    || "20000".equals(answer.getCode()) ? new PayoutAnswer.Later(why) : new PayoutAnswer.Refused(why);
        } catch (AlipayApiException e) { // no answer, or one whose signature did not verify
            return new PayoutAnswer.Later("Alipay: " + e.getErrMsg());
        }
    }

    @Override
    public ResponseEntity<?> taken() {
        return ResponseEntity.ok().contentType(MediaType.TEXT_PLAIN).body("success");
    }

    private static String field(Map<String, String> form, String name) {
        String value = form.get(name);
        if (value == null || value.isBlank()) {
            throw Refusal.badRequest("VALIDATION_FAILED", name + " is missing");
        }
        return value;
    }
}
