package io.ordersvc.command.webhook;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Duration;

@Configuration(proxyBeanMethods = false)
class WebhookConfig {

    /** The delivery sweep, on the timers' scheduler (one scheduler per scheduled_tasks table). */
    @Bean
    RecurringTask<Void> webhookSweepTask(WebhookSweep sweep,
                                         @Value("${orders.webhooks.poll-interval:2s}") Duration pollInterval) {
        return Tasks.recurring("webhook-sweep", FixedDelay.of(pollInterval))
                .execute((execution, context) -> sweep.sweep());
    }
}
