package io.ordersvc.platform.axon;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * A batched INSERT a library builds on a connection (Axon's append of events), recorded instead of sent: its SQL and
 * each row's parameters as the library set them, so that it can be sent later as one multi-row INSERT
 * ({@link DeferredWrites}) with exactly the values the library would have sent.
 *
 * @param sql    the multi-row statement: one {@code VALUES} group per row
 * @param count  its parameters
 * @param rows   each row's setter calls, their indexes counted from the row's first parameter
 */
record RecordedStatement(String sql, int count, List<List<Call>> rows) {

    /** One {@code setXxx(index, value...)} call on the statement. */
    record Call(Method setter, Object[] arguments) {

        /** Makes the call on {@code statement} for the parameter at {@code index}. */
        void on(PreparedStatement statement, int index) throws SQLException {
            Object value = arguments[1];
            if (arguments.length == 2) { // the setters Axon's append uses, called directly
                switch (setter.getName()) {
                    case "setString" -> {
                        statement.setString(index, (String) value);
                        return;
                    }
                    case "setLong" -> {
                        statement.setLong(index, (Long) value);
                        return;
                    }
                    case "setObject" -> {
                        statement.setObject(index, value);
                        return;
                    }
                    case "setBytes" -> {
                        statement.setBytes(index, (byte[]) value);
                        return;
                    }
                    default -> {
                    }
                }
            }
            Object[] shifted = arguments.clone();
            shifted[0] = index;
            try {
                setter.invoke(statement, shifted);
            } catch (InvocationTargetException e) {
                if (e.getCause() instanceof SQLException sql) {
                    throw sql;
                }
                throw new SQLException(e.getCause());
            } catch (IllegalAccessException e) {
                throw new SQLException(e);
            }
        }
    }

    /** Builds a statement on the connection it is given. */
    @FunctionalInterface
    interface Builder {
        PreparedStatement build(Connection connection) throws SQLException;
    }

    /**
     * What {@code builder} prepared and set, row by row ({@code addBatch}); empty when it was not a single-row
     * {@code INSERT ... VALUES (?, ...)} batch of at least one row, which this cannot replay.
     */
    static Optional<RecordedStatement> of(Builder builder) throws SQLException {
        Recording recording = Recording.of(builder);
        if (recording.prepared().size() != 1 || recording.rows().isEmpty() || !recording.row().isEmpty()) {
            return Optional.empty();
        }
        int rows = recording.rows().size();
        return Shape.of(recording.prepared().get(0)).map(shape -> new RecordedStatement(shape.rows(rows),
                shape.perRow() * rows, List.copyOf(recording.rows())));
    }

    /** What a builder prepared ({@code prepared}), each row it added to its batch, and what it set since. */
    private record Recording(List<String> prepared, List<List<Call>> rows, List<Call> row) {

        static Recording of(Builder builder) throws SQLException {
            Recording recording = new Recording(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
            builder.build(recorder(recording.prepared(), recording.rows(), recording.row()));
            return recording;
        }
    }

    /** A connection whose one prepared statement records its SQL ({@code prepared}) and setter calls. */
    private static Connection recorder(List<String> prepared, List<List<Call>> rows, List<Call> row) {
        PreparedStatement statement = (PreparedStatement) Proxy.newProxyInstance(
                RecordedStatement.class.getClassLoader(), new Class<?>[]{PreparedStatement.class},
                (proxy, method, args) -> {
                    String name = method.getName();
                    if (name.startsWith("set") && args != null && args.length >= 2 && args[0] instanceof Integer) {
                        row.add(new Call(method, args.clone()));
                        return null;
                    }
                    if (name.equals("addBatch") && args == null) {
                        rows.add(List.copyOf(row));
                        row.clear();
                        return null;
                    }
                    if (name.equals("close") || name.equals("clearParameters")) {
                        return null;
                    }
                    throw new SQLException("not recordable: " + method);
                });
        return (Connection) Proxy.newProxyInstance(RecordedStatement.class.getClassLoader(),
                new Class<?>[]{Connection.class}, (proxy, method, args) -> {
                    // prepareStatement(sql), or with a result set's type and concurrency, which a write ignores
                    if (method.getName().equals("prepareStatement") && args != null
                            && (args.length == 1 || args.length == 3 && args[1] instanceof Integer)
                            && args[0] instanceof String sql) {
                        prepared.add(sql);
                        return statement;
                    }
                    throw new SQLException("not recordable: " + method);
                });
    }

    /**
     * What {@code builder} prepared and set for a statement run once (no {@code addBatch}), its SQL as it is; empty
     * when it prepared anything else.
     */
    static Optional<RecordedStatement> single(Builder builder) throws SQLException {
        Recording recording = Recording.of(builder);
        if (recording.prepared().size() != 1 || !recording.rows().isEmpty() || recording.row().isEmpty()) {
            return Optional.empty();
        }
        int count = recording.row().stream().mapToInt(call -> (Integer) call.arguments()[0]).max().orElse(0);
        return Optional.of(new RecordedStatement(recording.prepared().get(0), count,
                List.of(List.copyOf(recording.row()))));
    }

    /**
     * A single-row {@code INSERT ... VALUES (?, ...)}: the text before its row and the row, read once per SQL text
     * (a library's append statement is always the same one).
     */
    private record Shape(String head, String row, int perRow) {

        private static final Map<String, Optional<Shape>> KNOWN = new ConcurrentHashMap<>();
        private static final Pattern ROW = Pattern.compile("\\(\\s*\\?(\\s*,\\s*\\?)*\\s*\\)");

        static Optional<Shape> of(String sql) {
            Optional<Shape> known = KNOWN.get(sql);
            if (known == null) {
                known = read(sql);
                if (KNOWN.size() < 64) {
                    KNOWN.put(sql, known);
                }
            }
            return known;
        }

        private static Optional<Shape> read(String sql) {
            int values = sql.toUpperCase(Locale.ROOT).lastIndexOf("VALUES");
            String row = values < 0 ? "" : sql.substring(values + "VALUES".length()).trim();
            if (!ROW.matcher(row).matches()) {
                return Optional.empty();
            }
            return Optional.of(new Shape(sql.substring(0, values) + "VALUES ", row,
                    (int) row.chars().filter(c -> c == '?').count()));
        }

        String rows(int count) {
            StringBuilder sql = new StringBuilder(head.length() + count * (row.length() + 2)).append(head);
            for (int i = 0; i < count; i++) {
                sql.append(i == 0 ? "" : ", ").append(row);
            }
            return sql.toString();
        }
    }

    /** Sets the recorded values on {@code statement}, this statement's first parameter at {@code first}. */
    void bind(PreparedStatement statement, Connection connection, int first) throws SQLException {
        int perRow = count / rows.size();
        for (int r = 0; r < rows.size(); r++) {
            for (Call call : rows.get(r)) {
                call.on(statement, first + r * perRow + (Integer) call.arguments()[0] - 1);
            }
        }
    }
}
