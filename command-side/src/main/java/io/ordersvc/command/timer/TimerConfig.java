package io.ordersvc.command.timer;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerName;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import io.ordersvc.platform.axon.InstanceId;
import io.ordersvc.shared.order.TimerType;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import javax.sql.DataSource;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * One recurring db-scheduler task per timer type, each running {@link TimerSweep#sweep} every poll interval on
 * one instance at a time (db-scheduler picks a due execution with an optimistic version update). db-scheduler was
 * chosen over Quartz and JobRunr as one small library with one table (scheduled_tasks).
 * Timers due while the service was down fire at the first sweep after start. Other features' recurring tasks
 * (beans of type RecurringTask) run on the same scheduler: one scheduler per table, so none of them sees another's
 * tasks as unknown.
 */
@Configuration(proxyBeanMethods = false)
class TimerConfig {

    static String taskName(TimerType type) {
        return "order-timer-" + type.value();
    }

    /**
     * @param pollInterval       how often payment timeouts are swept: a buyer waits for the expiry, and the stock
     *                           it releases goes back on sale
     * @param windowPollInterval how often the day-long timers are swept (automatic receipt, review and
     *                           after-sales windows): seconds late do not matter there, and each sweep that finds
     *                           nothing still costs a few statements (the idle figure in BENCHMARKS.md)
     */
    @Bean
    Scheduler timerScheduler(DataSource dataSource, InstanceId instance, TimerSweep sweep,
                             org.springframework.beans.factory.ObjectProvider<RecurringTask<?>> featureTasks,
                             @Value("${orders.timers.poll-interval:2s}") Duration pollInterval,
                             @Value("${orders.timers.window-poll-interval:30s}") Duration windowPollInterval) {
        List<RecurringTask<?>> sweeps = new java.util.ArrayList<>(Arrays.stream(TimerType.values())
                .map(type -> Tasks.recurring(taskName(type),
                                FixedDelay.of(type == TimerType.PAYMENT_TIMEOUT ? pollInterval : windowPollInterval))
                        .execute((execution, context) -> sweep.sweep(type)))
                .toList());
        featureTasks.orderedStream().forEach(sweeps::add); // other features' recurring work (the payout sweep)
        Duration shortest = pollInterval.compareTo(windowPollInterval) <= 0 ? pollInterval : windowPollInterval;
        return Scheduler.create(dataSource)
                .startTasks(sweeps)
                .schedulerName(new SchedulerName.Fixed(instance.value()))
                .threads(sweeps.size())
                // A sweep falls due every poll interval, and db-scheduler notices within a quarter of the shortest:
                // a payment timer fires at most 1.25 poll intervals late (bench: expiry minus payable_until).
                .pollingInterval(shortest.dividedBy(4))
                // An instance that dies while sweeping loses its task to another after 6 missed beats (30 s).
                .heartbeatInterval(Duration.ofSeconds(5))
                .shutdownMaxWait(Duration.ofSeconds(10))
                // When the sweeps run is wall time; what is due is decided by each sweep on the injected clock. On
                // the injected clock, a clock set back (a test's, or an operator's) left the scheduler waiting out the
                // difference before its next poll.
                .clock(new com.github.kagkarlsson.scheduler.SystemClock())
                .build();
    }

    /** Starts the sweeps after everything else (the command handlers they send to), stops them first. */
    @Bean
    SmartLifecycle timerSchedulerLifecycle(Scheduler timerScheduler) {
        return new SmartLifecycle() {
            private volatile boolean running;

            @Override
            public void start() {
                timerScheduler.start();
                running = true;
            }

            @Override
            public void stop() {
                timerScheduler.stop();
                running = false;
            }

            @Override
            public boolean isRunning() {
                return running;
            }

            @Override
            public int getPhase() {
                return Integer.MAX_VALUE;
            }
        };
    }
}
