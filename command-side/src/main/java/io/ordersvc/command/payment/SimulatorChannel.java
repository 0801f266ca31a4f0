package io.ordersvc.command.payment;

import io.ordersvc.shared.error.Refusal;
import io.ordersvc.shared.money.Money;
import io.ordersvc.shared.order.PaymentChannel;
import org.apache.commons.codec.digest.HmacAlgorithms;
import org.apache.commons.codec.digest.HmacUtils;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The simulator (API.md): a channel a script can play. A notification is a form of pay_no, trade_no, amount, status,
 * timestamp (epoch seconds, within 5 minutes) and sign: lower-case hex HMAC-SHA256, keyed with the simulator's
 * secret, of the other fields sorted by name as {@code k=v&k=v}.
 */
final class SimulatorChannel implements ChannelGateway {

    static final Duration SKEW = Duration.ofMinutes(5);
    private final String secret;
    private final Clock clock;
    private final PaymentSettings settings;

    SimulatorChannel(PaymentSettings settings, Clock clock) {
        this.secret = settings.simulator().secret();
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    public Set<PaymentChannel> serves() {
        return Set.of(PaymentChannel.SIMULATOR);
    }

    @Override
    public boolean on() {
        return settings.simulator().on();
    }

    @Override
    public Map<String, Object> params(PaymentDesk.PaymentDue due, Extras extras) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("pay_no", due.payNo());
        params.put("out_trade_no", due.outTradeNo());
        params.put("amount", due.amount().toString());
        params.put("notify_url", settings.notifyUrl(PaymentChannel.SIMULATOR.value()));
        params.put("sign_fields", "amount, out_trade_no (optional), pay_no, status, timestamp, trade_no");
        return params;
    }

    @Override
    public Notice verify(Inbound inbound) {
        Map<String, String> form = new TreeMap<>(inbound.form());
        String sign = form.remove("sign");
        if (sign == null || !MessageDigest.isEqual(sign.getBytes(StandardCharsets.US_ASCII),
                sign(form, secret).getBytes(StandardCharsets.US_ASCII))) {
            throw Refusal.badRequest("BAD_SIGNATURE", "sign is not the HMAC-SHA256 of the other fields");
        }
        long timestamp = number(form.get("timestamp"), "timestamp");
        Instant at = Instant.ofEpochSecond(timestamp);
        if (Duration.between(at, clock.instant()).abs().compareTo(SKEW) > 0) {
            throw Refusal.badRequest("BAD_SIGNATURE", "timestamp is more than 5 minutes from now");
        }
        String payNo = required(form, "pay_no");
        String tradeNo = required(form, "trade_no");
        Money amount;
        try {
            amount = Money.of(required(form, "amount"));
        } catch (IllegalArgumentException e) {
            throw Refusal.badRequest("VALIDATION_FAILED", "amount is not an amount of money");
        }
        return new Notice(payNo, form.get("out_trade_no"), tradeNo, amount,
                "SUCCESS".equals(form.get("status")), at);
    }

    /** The simulator pays back at once. */
    @Override
    public PayoutAnswer refund(Payout payout) {
        return new PayoutAnswer.Paid("SIM-" + payout.payoutId());
    }

    @Override
    public ResponseEntity<?> taken() {
        return ResponseEntity.ok().contentType(MediaType.TEXT_PLAIN).body("success");
    }

    /** The simulator's signature over the fields (sign left out), sorted by name. */
    static String sign(Map<String, String> fields, String secret) {
        StringBuilder text = new StringBuilder();
        new TreeMap<>(fields).forEach((k, v) -> text.append(text.isEmpty() ? "" : "&").append(k).append('=')
                .append(v));
        return new HmacUtils(HmacAlgorithms.HMAC_SHA_256, secret).hmacHex(text.toString());
    }

    private static String required(Map<String, String> form, String field) {
        String value = form.get(field);
        if (value == null || value.isBlank() || value.length() > 64) {
            throw Refusal.badRequest("VALIDATION_FAILED", field + " is required (at most 64 characters)");
        }
        return value;
    }

    private static long number(String value, String field) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException | NullPointerException e) {
            throw Refusal.badRequest("VALIDATION_FAILED", field + " must be epoch seconds");
        }
    }
}
