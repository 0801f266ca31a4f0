package io.ordersvc.platform.axon;

import org.axonframework.config.Configuration;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.UnableToClaimTokenException;
import org.axonframework.eventhandling.tokenstore.inmemory.InMemoryTokenStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The tracking processors SteadyInvokers.Module builds wait for events as long as it says, and no longer store the
 * token of events they read but did not handle only a second later (Axon's default wait): when a load stopped, each
 * processor whose last events were such looked most of a second behind in the token table.
 */
class TrackingIdleWaitTest {

    record Handled(String id) {
    }

    record Ignored(String id) {
    }

    static final class Handler {
        @EventHandler
        void on(Handled event) {
        }
    }

    private final InMemoryTokenStore tokens = new InMemoryTokenStore();
    private Configuration axon;

    @AfterEach
    void stop() {
        if (axon != null) {
            axon.shutdown();
        }
    }

    @Test
    void the_token_of_events_the_processor_did_not_handle_is_stored_within_the_idle_wait() throws Exception {
        axon = DefaultConfigurer.defaultConfiguration(false)
                .configureEmbeddedEventStore(c -> new InMemoryEventStorageEngine())
                .registerModule(new SteadyInvokers.Module(Duration.ofMillis(200)))
                .eventProcessing(processing -> processing
                        .registerTokenStore(c -> tokens)
                        .registerTrackingEventProcessor("p", Configuration::eventStore,
                                c -> TrackingEventProcessorConfiguration.forSingleThreadedProcessing())
                        .byDefaultAssignTo("p")
                        .registerEventHandler(c -> new Handler()))
                .start();

        axon.eventStore().publish(GenericEventMessage.asEventMessage(new Handled("h")));
        awaitStored(0);
        // The processor has just stored its batch's token and begun waiting for the next: an event it does not
        // handle now is held back until that wait ends.
        long before = System.nanoTime();
        axon.eventStore().publish(GenericEventMessage.asEventMessage(new Ignored("i")));
        awaitStored(1);

        // Axon's default wait (a second) stored it about 1,000 ms later.
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - before)).isLessThan(700);
    }

    /** Waits (at most 10 s) until the processor's stored token has reached {@code position}. */
    private void awaitStored(long position) {
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(5)).until(() -> {
            try {
                TrackingToken token = tokens.fetchToken("p", 0);
                return token != null && token.position().orElse(-1) >= position;
            } catch (UnableToClaimTokenException notYet) {
                return false; // the processor has not started yet
            }
        });
    }
}
