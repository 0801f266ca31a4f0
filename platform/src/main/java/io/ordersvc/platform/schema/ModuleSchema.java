package io.ordersvc.platform.schema;

import java.util.List;

/**
 * The tables one module owns: its migrations under {@code db/<name>/common} and {@code db/<name>/<vendor>}, applied
 * with a Flyway history of its own ({@code <name>_schema_history}). A module contributes one as a bean; a
 * deployment migrates exactly the modules it runs.
 *
 * @param legacyBaseline the module's version that equals what the single history of earlier versions
 *                       ({@code flyway_schema_history}) had built: a database that has it starts from there
 */
public record ModuleSchema(String name, String legacyBaseline) {

    public String historyTable() {
        return name + "_schema_history";
    }

    /** The migrations' locations for a database vendor (Flyway's ids: postgresql, h2). */
    public List<String> locations(String vendor) {
        return List.of("classpath:db/" + name + "/common", "classpath:db/" + name + "/" + vendor);
    }
}
