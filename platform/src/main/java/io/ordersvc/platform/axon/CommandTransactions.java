package io.ordersvc.platform.axon;

import javax.sql.DataSource;

/**
 * JDBC's transactions for commands: on PostgreSQL the events a command appends go to the server with its
 * {@code COMMIT}, in one request ({@link DeferredWrites}). A command's unit of work appended its events
 * and then committed: two round trips at the end of every command, each a wait for a core on a busy machine, while
 * the request held its pooled connection. The commit is an ordinary, durable one. Two commands appending to one
 * aggregate at once still collide on the event table's unique key, now at the commit: the request fails as the
 * append would have (Axon's ConcurrencyException, retried), and the transaction rolls back.
 */
public class CommandTransactions extends DeferringTransactions {

    public CommandTransactions(DataSource dataSource) {
        super(dataSource, DeferredWrites.What.EVENT_APPENDS, "COMMIT");
    }
}
