package io.ordersvc.standalone.support;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

import java.util.Map;

/**
 * The payment channels' servers for the integration tests: one local WireMock server, started once per JVM, that
 * WeChat Pay's and Alipay's gateways point at; a test stubs what the channel answers and checks what it was sent.
 */
public class ChannelServer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    private static WireMockServer server;

    public static synchronized WireMockServer get() {
        if (server == null) {
            server = new WireMockServer(WireMockConfiguration.options().dynamicPort());
            server.start();
            Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
        }
        return server;
    }

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        String base = "http://localhost:" + get().port();
        context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("channel-server", Map.of(
                "orders.payment.test-keys", "true",
                "orders.payment.wechat.base-url", base,
                "orders.payment.alipay.gateway-url", base + "/gateway.do",
                "orders.payment.lianlian.gateway-url", base)));
    }
}
