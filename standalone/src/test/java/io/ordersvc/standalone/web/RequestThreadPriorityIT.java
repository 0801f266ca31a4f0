package io.ordersvc.standalone.web;

import io.ordersvc.standalone.support.IntegrationTest;
import org.apache.coyote.AbstractProtocol;
import org.apache.tomcat.util.threads.ThreadPoolExecutor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/** Request threads run below the event processors (RequestThreadsConfig): the read models get the CPU first. */
class RequestThreadPriorityIT extends IntegrationTest {

    @Autowired
    private WebServerApplicationContext context;

    @Test
    void tomcat_makes_its_request_threads_at_the_lowest_priority() {
        var protocol = (AbstractProtocol<?>) ((TomcatWebServer) context.getWebServer()).getTomcat().getConnector()
                .getProtocolHandler();
        assertThat(protocol.getThreadPriority()).isEqualTo(Thread.MIN_PRIORITY);
        var pool = (ThreadPoolExecutor) protocol.getExecutor();
        assertThat(pool.getThreadFactory().newThread(() -> { }).getPriority()).isEqualTo(Thread.MIN_PRIORITY);
        // The event processors' threads keep the normal priority above them.
        assertThat(Thread.getAllStackTraces().keySet()).filteredOn(t -> t.getName().startsWith("EventProcessor["))
                .isNotEmpty().allSatisfy(t -> assertThat(t.getPriority()).isEqualTo(Thread.NORM_PRIORITY));
    }
}
