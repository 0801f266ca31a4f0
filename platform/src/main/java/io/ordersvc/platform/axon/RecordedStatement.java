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
    static java.util.Optional<RecordedStatement> of(Builder builder) throws SQLException {
        List<String> prepared = new ArrayList<>();
        List<List<Call>> rows = new ArrayList<>();
        List<Call> row = new ArrayList<>();
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
        Connection connection = (Connection) Proxy.newProxyInstance(RecordedStatement.class.getClassLoader(),
                new Class<?>[]{Connection.class}, (proxy, method, args) -> {
                    if (method.getName().equals("prepareStatement") && args != null && args.length == 1
                            && args[0] instanceof String sql) {
                        prepared.add(sql);
                        return statement;
                    }
                    throw new SQLException("not recordable: " + method);
                });
        builder.build(connection);
        if (prepared.size() != 1 || rows.isEmpty() || !row.isEmpty()) {
            return java.util.Optional.empty();
        }
        String sql = prepared.get(0);
        int values = sql.toUpperCase(Locale.ROOT).lastIndexOf("VALUES");
        String group = values < 0 ? "" : sql.substring(values + "VALUES".length()).trim();
        if (!group.matches("\\(\\s*\\?(\\s*,\\s*\\?)*\\s*\\)")) {
            return java.util.Optional.empty();
        }
        int perRow = (int) group.chars().filter(c -> c == '?').count();
        StringBuilder multi = new StringBuilder(sql.substring(0, values)).append("VALUES ");
        for (int i = 0; i < rows.size(); i++) {
            multi.append(i == 0 ? "" : ", ").append(group);
        }
        return java.util.Optional.of(new RecordedStatement(multi.toString(), perRow * rows.size(), List.copyOf(rows)));
    }

    /** Sets the recorded values on {@code statement}, this statement's first parameter at {@code first}. */
    void bind(PreparedStatement statement, Connection connection, int first) throws SQLException {
        int perRow = count / rows.size();
        for (int r = 0; r < rows.size(); r++) {
            for (Call call : rows.get(r)) {
                Object[] arguments = call.arguments().clone();
                arguments[0] = first + r * perRow + (Integer) arguments[0] - 1;
                try {
                    call.setter().invoke(statement, arguments);
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
    }
}
