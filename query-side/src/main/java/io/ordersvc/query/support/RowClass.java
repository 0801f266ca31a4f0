package io.ordersvc.query.support;

import io.ordersvc.query.support.BatchTable.Mapping;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;

import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A read-model table described once, by its row class: the JPA entity its queries read, which Hibernate validates
 * against the migrated table at start-up. The columns are the fields' names in snake_case (Hibernate's naming),
 * key fields ({@code @Id}) first; a row's values and its reader follow from the same fields, so no column list,
 * value array or reader is kept in line by hand.
 */
final class RowClass<R> {

    private static final Pattern CAMEL = Pattern.compile("([a-z0-9])([A-Z])");

    private final Class<R> type;
    private final Constructor<R> constructor;
    private final List<Field> fields;
    private final List<Field> keys;
    private final List<String> columns;

    private RowClass(Class<R> type) {
        this.type = type;
        Table table = type.getAnnotation(Table.class);
        if (table == null) {
            throw new IllegalArgumentException(type + " names no @Table");
        }
        List<Field> key = new ArrayList<>();
        List<Field> rest = new ArrayList<>();
        for (Field f : type.getDeclaredFields()) {
            if (Modifier.isStatic(f.getModifiers()) || f.isAnnotationPresent(Transient.class) || f.isSynthetic()) {
                continue;
            }
            f.setAccessible(true);
            (f.isAnnotationPresent(Id.class) ? key : rest).add(f);
        }
        if (key.isEmpty()) {
            throw new IllegalArgumentException(type + " has no @Id field");
        }
        this.keys = List.copyOf(key);
        List<Field> all = new ArrayList<>(key);
        all.addAll(rest);
        this.fields = List.copyOf(all);
        this.columns = fields.stream().map(f -> column(f.getName())).toList();
        try {
            this.constructor = type.getDeclaredConstructor();
            constructor.setAccessible(true);
        } catch (NoSuchMethodException e) {
            throw new IllegalArgumentException(type + " needs a no-argument constructor", e);
        }
    }

    static <R> Mapping<R> mapping(Class<R> type) {
        RowClass<R> row = new RowClass<>(type);
        return Mapping.of(type.getAnnotation(Table.class).name(), row.columns, row::key, row::values, row::read);
    }

    static String column(String field) {
        return CAMEL.matcher(field).replaceAll("$1_$2").toLowerCase(Locale.ROOT);
    }

    /** The key of a row: its one key field's value, or the key fields' values joined with '#'. */
    private String key(R row) {
        if (keys.size() == 1) {
            return String.valueOf(get(keys.get(0), row));
        }
        StringBuilder key = new StringBuilder(48);
        for (Field f : keys) {
            (key.isEmpty() ? key : key.append('#')).append(get(f, row));
        }
        return key.toString();
    }

    private Object[] values(R row) {
        Object[] values = new Object[fields.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = get(fields.get(i), row);
        }
        return values;
    }

    private R read(ResultSet rs) throws SQLException {
        try {
            R row = constructor.newInstance();
            for (int i = 0; i < fields.size(); i++) {
                Field f = fields.get(i);
                f.set(row, value(rs, columns.get(i), f.getType()));
            }
            return row;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read a row of " + type.getName(), e);
        }
    }

    private static Object value(ResultSet rs, String column, Class<?> type) throws SQLException {
        if (type == String.class) {
            return rs.getString(column);
        } else if (type == long.class) {
            return rs.getLong(column);
        } else if (type == int.class) {
            return rs.getInt(column);
        } else if (type == boolean.class) {
            return rs.getBoolean(column);
        } else if (type == BigDecimal.class) {
            return rs.getBigDecimal(column);
        } else if (type == Instant.class) {
            return BatchTable.instant(rs, column);
        } else if (type == Long.class || type == Integer.class || type == Boolean.class) {
            return rs.getObject(column, type);
        } else if (type == Long[].class) {
            java.sql.Array array = rs.getArray(column);
            if (array == null) {
                return null;
            }
            Object[] values = (Object[]) array.getArray();
            Long[] longs = new Long[values.length];
            for (int i = 0; i < values.length; i++) {
                longs[i] = ((Number) values[i]).longValue();
            }
            return longs;
        }
        throw new IllegalArgumentException("no column reader for " + type + " (" + column + ")");
    }

    private static Object get(Field f, Object row) {
        try {
            return f.get(row);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }
}
