package io.ordersvc.command.timer;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerName;
import io.ordersvc.platform.axon.InstanceId;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.ConfigurationScopeAwareProvider;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.dbscheduler.DbSchedulerDeadlineManager;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import javax.sql.DataSource;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * Axon's deadline manager on db-scheduler, chosen over Quartz and JobRunr because it is one small library with one
 * table (scheduled_tasks), picks each due task on exactly one instance by an optimistic version update, takes an
 * injectable clock, and Axon 4.13 ships a deadline manager for it. Deadlines due while the service was down fire
 * at the first poll after start.
 */
@Configuration(proxyBeanMethods = false)
class DeadlineConfig {

    @Bean
    Scheduler dbScheduler(DataSource dataSource, InstanceId instance, Clock clock,
                          ObjectProvider<DbSchedulerDeadlineManager> deadlineManager,
                          @Value("${orders.timers.poll-interval:2s}") Duration pollInterval) {
        return Scheduler.create(dataSource, List.of(DbSchedulerDeadlineManager.binaryTask(deadlineManager::getObject)))
                .schedulerName(new SchedulerName.Fixed(instance.value()))
                .threads(2)
                .pollingInterval(pollInterval)
                // An instance that dies holding a due timer loses it to another after 6 missed beats (30 s).
                .heartbeatInterval(Duration.ofSeconds(5))
                .shutdownMaxWait(Duration.ofSeconds(10))
                .clock(clock::instant)
                .build();
    }

    /** Starts and stops the scheduler with Axon's lifecycle, after the sagas it calls into are ready. */
    @Bean
    DbSchedulerDeadlineManager deadlineManager(Scheduler dbScheduler, org.axonframework.config.Configuration axon,
                                               @Qualifier("serializer") Serializer serializer,
                                               TransactionManager transactionManager) {
        return DbSchedulerDeadlineManager.builder()
                .scheduler(dbScheduler)
                .scopeAwareProvider(new ConfigurationScopeAwareProvider(axon))
                .serializer(serializer)
                .transactionManager(transactionManager)
                .startScheduler(true)
                .stopScheduler(true)
                .build();
    }
}
