package io.ordersvc.command.payment;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ClassPathResource;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * The payment channels' merchant settings (orders.payment.*, one block per channel, every value an environment
 * variable). A channel whose keys are not set is off. The embedded default, and ORDERS_PAYMENT_TEST_KEYS=true, fill
 * the keys left unset with the published test keys (payment/test-keys.properties) and turn the simulator on with
 * its documented secret: good for trying the service and for tests, never for money.
 *
 * @param notifyBaseUrl the service's public address that channels call back (notify_url)
 */
public record PaymentSettings(String notifyBaseUrl, boolean testKeys, Simulator simulator, Alipay alipay,
                              Wechat wechat, Lianlian lianlian) {

    /** Documented in the README; on by default only on the embedded database. */
    public static final String SIMULATOR_DEV_SECRET = "simulator-dev-secret";

    /** @param secret HMAC-SHA256 key of simulator notifications; blank: the simulator is off */
    public record Simulator(String secret) {
        public boolean on() {
            return secret != null && !secret.isBlank();
        }
    }

    /**
     * @param privateKey      the app's private key (PKCS#8, base64): signs requests
     * @param alipayPublicKey Alipay's public key: verifies notifications and answers
     * @param gatewayUrl      the open API gateway (refunds)
     */
    public record Alipay(String appId, String privateKey, String alipayPublicKey, String gatewayUrl) {
        public boolean on() {
            return filled(appId) && filled(privateKey) && filled(alipayPublicKey);
        }
    }

    /**
     * WeChat Pay API v3 with the WeChat Pay public key (not the platform certificates that need a download).
     *
     * @param appId         the app's (wechat_app) or the official account's / mini program's (wechat_jsapi) appid
     * @param privateKey    the merchant API private key (PKCS#8, base64) of the certificate merchantSerialNo
     * @param apiV3Key      decrypts notification resources
     * @param publicKey     WeChat Pay's public key (base64), with its id publicKeyId: verifies answers and notifications
     * @param baseUrl       https://api.mch.weixin.qq.com unless a test points it elsewhere
     */
    public record Wechat(String appId, String mchId, String privateKey, String merchantSerialNo, String apiV3Key,
                         String publicKey, String publicKeyId, String baseUrl) {
        public boolean on() {
            return filled(appId) && filled(mchId) && filled(privateKey) && filled(merchantSerialNo)
                    && filled(apiV3Key) && filled(publicKey) && filled(publicKeyId);
        }
    }

    /**
     * LianLian Pay quick payment (认证支付), signed with RSA as its gateway specifies (MD5withRSA over the sorted non-empty
     * parameters). LianLian publishes no SDK on Maven Central: {@link LianlianChannel} signs by hand.
     */
    public record Lianlian(String oidPartner, String privateKey, String publicKey, String gatewayUrl) {
        public boolean on() {
            return filled(oidPartner) && filled(privateKey) && filled(publicKey);
        }
    }

    public static PaymentSettings from(Environment env) {
        Binder binder = Binder.get(env);
        boolean embedded = env.getProperty("spring.datasource.url", "").startsWith("jdbc:h2:");
        boolean testKeys = binder.bind("orders.payment.test-keys", Boolean.class).orElse(embedded);
        String base = or(binder.bind("orders.payment.notify-base-url", String.class).orElse(null),
                "http://localhost:" + env.getProperty("server.port", "8080"));
        Simulator simulator = binder.bind("orders.payment.simulator", Simulator.class).orElse(new Simulator(null));
        Alipay alipay = binder.bind("orders.payment.alipay", Alipay.class)
                .orElse(new Alipay(null, null, null, null));
        Wechat wechat = binder.bind("orders.payment.wechat", Wechat.class)
                .orElse(new Wechat(null, null, null, null, null, null, null, null));
        Lianlian lianlian = binder.bind("orders.payment.lianlian", Lianlian.class)
                .orElse(new Lianlian(null, null, null, null));
        if (testKeys) {
            Properties keys = publishedTestKeys();
            String merchant = keys.getProperty("merchant.private");
            String channel = keys.getProperty("channel.public");
            simulator = new Simulator(or(simulator.secret(), SIMULATOR_DEV_SECRET));
            alipay = new Alipay(or(alipay.appId(), "2021000000000000"), or(alipay.privateKey(), merchant),
                    or(alipay.alipayPublicKey(), channel), alipay.gatewayUrl());
            wechat = new Wechat(or(wechat.appId(), "wx0000000000000000"), or(wechat.mchId(), "1900000000"),
                    or(wechat.privateKey(), merchant), or(wechat.merchantSerialNo(), "TESTSERIAL0000000000"),
                    or(wechat.apiV3Key(), keys.getProperty("wechat.api-v3-key")), or(wechat.publicKey(), channel),
                    or(wechat.publicKeyId(), "PUB_KEY_ID_TEST"), wechat.baseUrl());
            lianlian = new Lianlian(or(lianlian.oidPartner(), "201000000000000"), or(lianlian.privateKey(), merchant),
                    or(lianlian.publicKey(), channel), lianlian.gatewayUrl());
        }
        return new PaymentSettings(strip(base), testKeys, simulator,
                new Alipay(alipay.appId(), alipay.privateKey(), alipay.alipayPublicKey(),
                        or(alipay.gatewayUrl(), "https://openapi.alipay.com/gateway.do")),
                new Wechat(wechat.appId(), wechat.mchId(), wechat.privateKey(), wechat.merchantSerialNo(),
                        wechat.apiV3Key(), wechat.publicKey(), wechat.publicKeyId(),
                        or(wechat.baseUrl(), "https://api.mch.weixin.qq.com")),
                new Lianlian(lianlian.oidPartner(), lianlian.privateKey(), lianlian.publicKey(),
                        or(lianlian.gatewayUrl(), "https://traderapi.lianlianpay.com")));
    }

    /** The URL a channel calls back with its notifications. */
    public String notifyUrl(String channel) {
        return notifyBaseUrl + "/api/v1/payment-notifications/" + channel;
    }

    /** The published test key pair's parts, for tests and the bin/ helper that play the channel. */
    public static Properties publishedTestKeys() {
        Properties keys = new Properties();
        try (InputStream in = new ClassPathResource("payment/test-keys.properties").getInputStream()) {
            keys.load(in);
        } catch (IOException e) {
            throw new IllegalStateException("payment/test-keys.properties is missing", e);
        }
        return keys;
    }

    private static boolean filled(String s) {
        return s != null && !s.isBlank();
    }

    private static String or(String value, String fallback) {
        return filled(value) ? value.strip() : fallback;
    }

    private static String strip(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
