package io.ordersvc.platform.axon;

import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.UnableToClaimTokenException;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;

import javax.sql.DataSource;
import java.sql.SQLException;

/**
 * Axon's JDBC token store, except that in a projection batch's transaction on PostgreSQL ({@link
 * ProjectionTransactions}) the batch's token goes to the server with the batch's writes and its commit, in one
 * request ({@link DeferredWrites}). Storing it was a round trip of its own in every batch of every processor, and at
 * half load the order projection's second most frequent wait (bench/README.md, session 31).
 * <p>
 * Axon's update stores the token only where this instance still holds the claim; when it finds no such row, Axon
 * looks at the row and gives up with {@link UnableToClaimTokenException} unless the claim is free to take. Sent with
 * the commit, the same update ends the request with a division by zero when it found no row: the batch rolls back,
 * and the processor is told it lost the claim ({@link UnableToClaimTokenException}), releases the segment and claims
 * it again from the stored token, so the batch is handled once, by whoever holds the claim. (A claim free to take at
 * that moment, which Axon would have taken, is taken on that next claim instead.)
 */
public final class DeferredTokenStore extends JdbcTokenStore {

    /** SQLSTATE division_by_zero: the deferred update found no row this instance holds the claim of. */
    static final String CLAIM_LOST = "22012";

    private final DataSource dataSource;

    public DeferredTokenStore(JdbcTokenStore.Builder builder, DataSource dataSource) {
        super(builder);
        this.dataSource = dataSource;
    }

    @Override
    public void storeToken(TrackingToken token, String processorName, int segment)
            throws UnableToClaimTokenException {
        if (!DeferredWrites.deferRecorded(dataSource, DeferredWrites.What.READ_MODEL_WRITES,
                () -> RecordedStatement.single(connection -> storeUpdate(connection, token, processorName, segment)),
                update -> "WITH stored AS (" + update + " RETURNING 1) SELECT 1 / count(*) FROM stored",
                failed -> claimLost(failed, processorName, segment))) {
            super.storeToken(token, processorName, segment);
        }
    }

    private static RuntimeException claimLost(SQLException failed, String processorName, int segment) {
        for (SQLException s = failed; s != null; s = s.getNextException()) {
            if (CLAIM_LOST.equals(s.getSQLState())) {
                return new UnableToClaimTokenException(String.format("Unable to store the token of %s segment %d:"
                        + " this instance no longer holds its claim", processorName, segment));
            }
        }
        return null;
    }
}
