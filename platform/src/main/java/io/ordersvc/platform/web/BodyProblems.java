package io.ordersvc.platform.web;

import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.databind.exc.ValueInstantiationException;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * A request body that could not be read, in a client developer's words: which field (its JSON path, snake_case as
 * sent) and what it must be. Never a Java type or method name. One mapping for every endpoint.
 */
final class BodyProblems {

    /** The detail and, when one field is to blame, that field. */
    record Explained(String detail, ProblemWriter.FieldProblem field) {
    }

    private static final java.util.regex.Pattern DUPLICATE = java.util.regex.Pattern.compile(
            "Duplicate (?:Object property|field) \"([^\"]*)\"");

    private BodyProblems() {
    }

    static Explained explain(Throwable failure) {
        JacksonException jackson = find(failure);
        if (jackson == null) {
            String message = failure == null ? null : failure.getMessage();
            if (message != null && message.startsWith("Required request body is missing")) {
                return new Explained("This request needs a JSON body", null);
            }
            return new Explained("The body is not valid JSON of the expected shape", null);
        }
        if (jackson instanceof StreamReadException && !(jackson instanceof DatabindException)) {
            var duplicate = DUPLICATE.matcher(String.valueOf(jackson.getOriginalMessage()));
            if (duplicate.find()) {
                String field = path(jackson).isEmpty() ? duplicate.group(1) : path(jackson);
                return new Explained("Field " + field + " appears more than once",
                        new ProblemWriter.FieldProblem(field, "appears more than once"));
            }
            var at = jackson.getLocation();
            return new Explained("The body is not valid JSON" + (at == null || at.getLineNr() < 0 ? ""
                    : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")"), null);
        }
        String field = path(jackson);
        String rule = rule(jackson);
        if (field.isEmpty()) {
            return new Explained("The body " + rule, null);
        }
        return new Explained("Field " + field + " " + rule, new ProblemWriter.FieldProblem(field, rule));
    }

    private static JacksonException find(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof JacksonException j) {
                return j;
            }
        }
        return null;
    }

    /** The JSON path of the field: items[0].quantity. */
    private static String path(JacksonException e) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference ref : e.getPath()) {
            if (ref.getPropertyName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(ref.getPropertyName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static String rule(JacksonException e) {
        if (e instanceof UnrecognizedPropertyException) {
            return "is not a field of this request";
        }
        if (e instanceof ValueInstantiationException && e.getCause() instanceof IllegalArgumentException bad
                && bad.getMessage() != null) {
            return "is not valid: " + bad.getMessage();
        }
        if (e instanceof InvalidFormatException f && f.getTargetType() == String.class
                && TextSafety.RULE.equals(f.getOriginalMessage())) {
            return TextSafety.RULE;
        }
        Class<?> target = e instanceof InvalidFormatException f ? f.getTargetType()
                : e instanceof MismatchedInputException m ? m.getTargetType() : null;
        return "must be " + expected(target);
    }

    /** What a value of this type looks like in JSON. */
    static String expected(Class<?> type) {
        if (type == null) {
            return "of the expected shape";
        }
        if (type.isEnum()) {
            return "one of " + Arrays.stream(type.getEnumConstants()).map(BodyProblems::jsonValue)
                    .collect(Collectors.joining(", "));
        }
        if (type == String.class || type == char.class || type == Character.class) {
            return "a string";
        }
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class
                || type == short.class || type == Short.class) {
            return "a whole number";
        }
        if (type == BigDecimal.class || type.getSimpleName().equals("Money")) {
            return "an amount with at most two decimals, such as \"44.00\"";
        }
        if (type == double.class || type == Double.class || type == float.class || type == Float.class) {
            return "a number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (type == UUID.class) {
            return "a UUID such as \"6f1c3f5e-8d1e-4c43-9a55-2f1f7a0c9b11\"";
        }
        if (type == Instant.class) {
            return "an ISO-8601 time such as \"2026-11-22T14:03:07Z\"";
        }
        if (type == LocalDate.class) {
            return "a date such as \"2026-11-30\"";
        }
        if (type.isArray() || Collection.class.isAssignableFrom(type)) {
            return "an array";
        }
        if (Map.class.isAssignableFrom(type)) {
            return "an object of names and values";
        }
        return "an object";
    }

    private static String jsonValue(Object constant) {
        try {
            return String.valueOf(constant.getClass().getMethod("value").invoke(constant));
        } catch (ReflectiveOperationException e) {
            return ((Enum<?>) constant).name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    static List<ProblemWriter.FieldProblem> errors(Explained explained) {
        return explained.field() == null ? null : List.of(explained.field());
    }
}
