package io.ordersvc.platform.axon;

import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.modelling.command.ConcurrencyException;

/**
 * A command that failed on an aggregate {@link FreshAggregateCache} served without a look at the store is checked
 * then: if another instance had changed it, the failure (a refusal such as ORDER_NOT_SHIPPABLE, decided on old
 * state) becomes a concurrent modification, which the gateway retries on fresh state. A failure on fresh state is
 * answered as it is.
 */
public class StaleRefusals implements MessageHandlerInterceptor<CommandMessage<?>> {

    @Override
    public Object handle(UnitOfWork<? extends CommandMessage<?>> unitOfWork, InterceptorChain chain)
            throws Exception {
        try {
            return chain.proceed();
        } catch (Exception failure) {
            boolean decidedOnStale;
            try {
                decidedOnStale = FreshAggregateCache.dropStale(unitOfWork, true);
            } catch (RuntimeException checkFailed) {
                // The store cannot be asked (the database went away mid-command): the command's own failure says
                // what happened, and is answered as it is.
                failure.addSuppressed(checkFailed);
                throw failure;
            }
            if (decidedOnStale) {
                // Not its cause: the retry scheduler gives up on a failure with any non-transient cause.
                ConcurrencyException stale = new ConcurrencyException(
                        "The command was decided on an aggregate another instance had changed");
                stale.addSuppressed(failure);
                throw stale;
            }
            throw failure;
        }
    }
}
