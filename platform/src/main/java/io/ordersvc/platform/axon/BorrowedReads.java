package io.ordersvc.platform.axon;

import org.springframework.jdbc.core.ArgumentPreparedStatementSetter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.RowMapperResultSetExtractor;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Objects;

/**
 * Plain reads (a SELECT that locks nothing) that a command may make before its transaction has sent anything,
 * without pinning the transaction's connection: they run on a connection taken from the pool and given back at once.
 * <p>
 * A command's transaction takes its pooled connection at its first statement ({@link CommandTransactions}). A
 * placement's first statement was the read of its buyer's key, before it waited for its products' locks: at 64
 * clients, placements queued on a hot product held the pool's connections while they waited, and the commands
 * holding those locks waited for a connection to commit (bench/README.md, sessions 40 and 41). Such a read is
 * what it would be inside the transaction: the transaction has sent nothing, and at READ COMMITTED every statement
 * sees what was committed when it began, on whichever connection. Once the transaction has taken its connection
 * (or outside a command transaction), a read goes through {@code jdbc} as any other.
 * <p>
 * Not for a read that must see the transaction's own writes (there are none yet, by definition) or that locks rows.
 */
public final class BorrowedReads {

    private final JdbcTemplate jdbc;
    private final DataSource pool;

    /** @param jdbc the template on the pool itself (the one command transactions take their connections from) */
    public BorrowedReads(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.pool = Objects.requireNonNull(jdbc.getDataSource(), "a template with a data source");
    }

    /** The rows of {@code sql} with {@code args}, as {@link JdbcTemplate#query(String, RowMapper, Object...)}. */
    public <T> List<T> query(String sql, RowMapper<T> rows, Object... args) {
        if (!CommandTransactions.holdsNoConnection()) {
            return jdbc.query(sql, rows, args);
        }
        try (Connection connection = pool.getConnection()) {
            List<T> found;
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                new ArgumentPreparedStatementSetter(args).setValues(statement);
                try (ResultSet rs = statement.executeQuery()) {
                    found = new RowMapperResultSetExtractor<>(rows).extractData(rs);
                }
            }
            if (!connection.getAutoCommit()) {
                connection.rollback(); // a pool that hands out connections in a transaction: it ends with the read
            }
            return found;
        } catch (SQLException failed) {
            RuntimeException translated = jdbc.getExceptionTranslator().translate("borrowed read", sql, failed);
            throw translated != null ? translated : new IllegalStateException(failed);
        }
    }
}
