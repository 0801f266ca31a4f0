package io.ordersvc.platform.axon;

import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandBusSpanFactory;
import org.axonframework.commandhandling.DuplicateCommandHandlerResolver;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.commandhandling.gateway.ExponentialBackOffIntervalRetryScheduler;
import org.axonframework.common.Registration;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.lock.LockAcquisitionFailedException;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.config.EventProcessingModule;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.modelling.command.CommandTargetResolver;
import org.axonframework.messaging.interceptors.CorrelationDataInterceptor;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.serialization.Serializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

import javax.sql.DataSource;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/** How commands and event processors behave when several instances share one database. */
@Configuration(proxyBeanMethods = false)
public class AxonRuntimeConfig {

    private static final Logger log = LoggerFactory.getLogger(AxonRuntimeConfig.class);

    /**
     * Segment claims carry this instance's distinct name; a dead instance's claims expire after the timeout. An idle
     * segment's claim is renewed only when a third of the timeout has passed ({@link SparingClaims}); a batch's token
     * goes with the batch's commit ({@link DeferredTokenStore}).
     */
    @Bean
    TokenStore tokenStore(ConnectionProvider connections, @Qualifier("serializer") Serializer serializer,
                          TokenSchema schema, InstanceId instance,
                          @Value("${orders.token-claim-timeout:10s}") Duration claimTimeout, DataSource dataSource) {
        log.info("event processors claim segments as {}", instance);
        return new SparingClaims(new DeferredTokenStore(JdbcTokenStore.builder().connectionProvider(connections)
                .serializer(serializer).schema(schema).nodeId(instance.value()).claimTimeout(claimTimeout),
                dataSource), claimTimeout, System::nanoTime);
    }

    /**
     * Builds the event processors, each with handler invokers asked once what does not change, and the tracking ones
     * with a wait for events of {@code orders.event-idle-wait} (SteadyInvokers.Module).
     */
    @Bean
    EventProcessingModule eventProcessingModule(@Value("${orders.event-idle-wait:200ms}") Duration idleWait) {
        return new SteadyInvokers.Module(idleWait);
    }

    /** Every aggregate's commands find their target through this (Axon's configuration looks the type up). */
    @Bean
    CommandTargetResolver commandTargets() {
        return new CommandTargets();
    }

    /** The streaming processors' source (application.yml names it): wakes them when events arrive. */
    @Bean
    @Primary
    EventArrivals eventArrivals(EventStore eventStore,
                                @Value("${orders.event-recheck-interval:10s}") Duration recheck,
                                @Value("${orders.event-linger:10ms}") Duration linger,
                                io.ordersvc.platform.privacy.PersonalDataKeys keys, ProjectionPace pace) {
        return new EventArrivals(eventStore, recheck, linger, keys::erasuresHeard).watchedBy(pace);
    }

    /**
     * The source of processors whose read models can be a little later (products, order-due-dates): the same
     * arrivals, with a longer linger, so that each of their batches gathers more events.
     */
    @Bean
    EventArrivals lingeringEventArrivals(EventArrivals eventArrivals,
                                         @Value("${orders.background-event-linger:100ms}") Duration linger) {
        return eventArrivals.lingering(linger);
    }

    /**
     * The source of processors whose read models nobody reads right after a command (figures, reports): the same
     * arrivals with a linger of half a second, so a busy half second is one batch: a few statements for all of it.
     */
    @Bean
    EventArrivals slowEventArrivals(EventArrivals eventArrivals,
                                    @Value("${orders.slow-event-linger:500ms}") Duration linger) {
        return eventArrivals.lingering(linger);
    }

    /**
     * The pace of the projections clients read right after a command (those on {@code eventArrivals}, the short
     * linger): the command gate narrows while they fall behind.
     */
    @Bean
    ProjectionPace projectionPace(@Value("${orders.pace.history:10s}") Duration history) {
        return new ProjectionPace(history);
    }

    /**
     * The pace watches the processors whose read models clients read right after a command. Each feature says so
     * of its own processors in its feature-settings file ({@code orders.pace.watched.<processor>: true}).
     */
    @Bean
    ConfigurerModule paceTheLiveProjections(ProjectionPace pace, Environment environment) {
        List<String> processors = processorsFlagged(environment, "orders.pace.watched");
        return configurer -> configurer.eventProcessing(processing -> processors.forEach(
                name -> processing.registerHandlerInterceptor(name, configuration -> pace.interceptor())));
    }

    /** The processors a map of flags ({@code <prefix>.<processor>: true}) names with true, from every settings file. */
    static List<String> processorsFlagged(Environment environment, String prefix) {
        return Binder.get(environment).bind(prefix, Bindable.mapOf(String.class, Boolean.class))
                .orElse(java.util.Map.of()).entrySet().stream().filter(java.util.Map.Entry::getValue)
                .map(java.util.Map.Entry::getKey).sorted().toList();
    }

    /**
     * The tracking processors whose batches write only what the events give again commit without waiting for the
     * disk (see ProjectionTransactions), in JDBC transactions (see JdbcTransactions: their handlers write through
     * JDBC alone). Each feature says so of its own processors in its feature-settings file
     * ({@code orders.projections.async-commit.<processor>: true}).
     */
    @Bean
    ConfigurerModule projectionsCommitAsynchronously(DataSource dataSource, PlatformTransactionManager transactions,
                                                     Environment environment) {
        List<String> processors = processorsFlagged(environment, "orders.projections.async-commit");
        var manager = JdbcTransactions.projections(dataSource, transactions);
        return configurer -> configurer.eventProcessing(processing -> processors.forEach(
                name -> processing.registerTransactionManager(name, configuration -> manager)));
    }

    /** On PostgreSQL, this instance's appends are announced to every instance once they have committed. */
    @Bean
    @ConditionalOnExpression("'${spring.datasource.url:}'.startsWith('jdbc:postgresql:')")
    EventAnnouncer eventAnnouncer(EventArrivals arrivals,
                                  @Value("${spring.datasource.url}") String url,
                                  @Value("${spring.datasource.username:}") String user,
                                  @Value("${spring.datasource.password:}") String password,
                                  @Value("${orders.event-listener-retry:1s}") Duration retry,
                                  @Value("${orders.event-announce-interval:20ms}") Duration interval,
                                  @Value("${orders.event-listener-ping:10s}") Duration ping) {
        return new EventAnnouncer(url, user, password, arrivals, retry, interval, ping);
    }

    /** On PostgreSQL, appends of every instance wake this instance's processors (see EventAnnouncer). */
    @Bean
    @ConditionalOnExpression("'${spring.datasource.url:}'.startsWith('jdbc:postgresql:')")
    EventNotificationListener eventNotificationListener(EventArrivals arrivals, EventAnnouncer announcer,
                                                        @Value("${spring.datasource.url}") String url,
                                                        @Value("${spring.datasource.username:}") String user,
                                                        @Value("${spring.datasource.password:}") String password,
                                                        @Value("${orders.event-listener-retry:1s}") Duration retry,
                                                        @Value("${orders.event-listener-ping:10s}") Duration ping,
                                                        io.ordersvc.platform.privacy.PersonalDataKeys keys) {
        return new EventNotificationListener(url, user, password, arrivals, retry, ping,
                java.util.Map.of(io.ordersvc.platform.privacy.PersonalDataKeys.ERASED_CHANNEL, keys::erasedElsewhere))
                .skipping(announcer);
    }

    /**
     * Axon's transactions for everything but commands and the projections' batches: JPA's, as its
     * auto-configuration makes them, except that they join a JDBC transaction already under way (a subscribing
     * processor inside a command's unit of work). See JdbcTransactions.
     */
    @Bean
    org.axonframework.common.transaction.TransactionManager axonTransactionManager(
            DataSource dataSource, PlatformTransactionManager transactions) {
        return JdbcTransactions.jpaFirst(dataSource, transactions);
    }

    /**
     * Axon's command bus as its auto-configuration builds it, on JDBC transactions instead of JPA's (see
     * JdbcTransactions): no command reads or writes through JPA. Their appends go with their commits
     * (CommandTransactions).
     */
    @Bean
    @Qualifier("localSegment")
    SimpleCommandBus commandBus(DataSource dataSource, PlatformTransactionManager transactions,
                                org.axonframework.config.Configuration axon,
                                DuplicateCommandHandlerResolver duplicateCommandHandlerResolver) {
        SimpleCommandBus bus = SimpleCommandBus.builder()
                .transactionManager(JdbcTransactions.commands(dataSource, transactions))
                .duplicateCommandHandlerResolver(duplicateCommandHandlerResolver)
                .spanFactory(axon.getComponent(CommandBusSpanFactory.class))
                .messageMonitor(axon.messageMonitor(CommandBus.class, "commandBus"))
                .build();
        bus.registerHandlerInterceptor(new CorrelationDataInterceptor<>(axon.correlationDataProviders()));
        return bus;
    }

    @Bean(destroyMethod = "shutdown")
    ScheduledExecutorService commandRetryExecutor() {
        return Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "command-retry");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Another instance appended to the same aggregate first: the command is evaluated again on the new state, a
     * bounded number of times with growing pauses (5, 10, 20 ms ... about 5 s in all). Every command here decides from the aggregate's state alone, so a retry is safe.
     * Refusals and everything else are answered at once.
     */
    @Bean
    CommandGateway commandGateway(CommandBus commandBus, ScheduledExecutorService commandRetryExecutor,
                                  @Value("${orders.command-retries:10}") int retries) {
        var retry = ExponentialBackOffIntervalRetryScheduler.builder()
                .retryExecutor(commandRetryExecutor)
                .maxRetryCount(retries)
                .backoffFactor(5)
                .nonTransientFailurePredicate(failure -> !partOfAConflict(failure))
                .build();
        return DefaultCommandGateway.builder().commandBus(commandBus).retryScheduler(retry).build();
    }

    /** Refusals decided on a cached aggregate another instance had changed are retried (FreshAggregateCache). */
    @Bean
    Registration staleRefusals(CommandBus commandBus) {
        return commandBus.registerHandlerInterceptor(new StaleRefusals());
    }

    /**
     * Axon asks this of every exception in the failure's cause chain and gives up if any answer is "not
     * transient"; a lost append race is a ConcurrencyException caused by the database's unique-violation
     * SQLException, so both must count as part of a conflict.
     */
    static boolean partOfAConflict(Throwable t) {
        return t instanceof ConcurrencyException || t instanceof LockAcquisitionFailedException
                || t instanceof SQLException;
    }
}
