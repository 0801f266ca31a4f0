package io.ordersvc.command.groupbuy;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Duration;

@Configuration(proxyBeanMethods = false)
class GroupBuyConfig {

    /** The group sweep, on the timers' scheduler: a group's deadline fires at most about one interval late. */
    @Bean
    RecurringTask<Void> groupSweepTask(GroupSweep sweep,
                                       @Value("${orders.groups.poll-interval:2s}") Duration pollInterval) {
        return Tasks.recurring("group-sweep", FixedDelay.of(pollInterval))
                .execute((execution, context) -> sweep.sweep());
    }
}
