package io.ordersvc.platform.web;

import com.sun.management.HotSpotDiagnosticMXBean;
import org.apache.coyote.AbstractProtocol;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.lang.management.ManagementFactory;

/**
 * Tomcat's request threads run below the event processors, so that on a busy machine the CPU goes to the read models
 * before it goes to the next request. Two cores shared by a few dozen request threads and one projection thread gave
 * the projection a few dozen-th of them: order lists fell hundreds of milliseconds behind what had been acknowledged,
 * and the command gate could only hold the lag back by admitting fewer commands (bench/README.md, session 34).
 * <p>
 * Java thread priorities reach Linux only with {@code -XX:ThreadPriorityPolicy=1} (a priority becomes a nice value:
 * 1 is nice 4, 5 nice 0; {@code deploy/jvm.options} has the flag, and keeps the JVM from raising its own threads
 * when it runs as root). Any user may lower a thread's priority. Without the flag the setting changes nothing, and
 * the service says so at start.
 */
@Configuration(proxyBeanMethods = false)
class RequestThreadsConfig {

    private static final Logger log = LoggerFactory.getLogger(RequestThreadsConfig.class);

    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> requestThreadPriority(
            @Value("${orders.request-thread-priority:" + Thread.MIN_PRIORITY + "}") int priority) {
        if (priority < Thread.MIN_PRIORITY || priority > Thread.MAX_PRIORITY) {
            throw new IllegalArgumentException("orders.request-thread-priority must be 1 to 10, was " + priority);
        }
        if (priority != Thread.NORM_PRIORITY && System.getProperty("os.name", "").startsWith("Linux")
                && !prioritiesReachTheOs()) {
            log.info("Request threads run at the event processors' priority: start the JVM with @deploy/jvm.options "
                    + "(-XX:ThreadPriorityPolicy=1) for orders.request-thread-priority={} to take effect", priority);
        }
        return factory -> factory.addConnectorCustomizers(connector -> {
            if (connector.getProtocolHandler() instanceof AbstractProtocol<?> protocol) {
                protocol.setThreadPriority(priority);
            }
        });
    }

    /** Whether Thread.setPriority changes anything on this JVM on Linux (HotSpot: only with the policy flag). */
    static boolean prioritiesReachTheOs() {
        try {
            var hotSpot = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
            return hotSpot == null || !"0".equals(hotSpot.getVMOption("ThreadPriorityPolicy").getValue());
        } catch (IllegalArgumentException | UnsupportedOperationException e) {
            return true; // not HotSpot: its own rules
        }
    }
}
