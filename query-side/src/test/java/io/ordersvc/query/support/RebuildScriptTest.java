package io.ordersvc.query.support;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * bin/rebuild-read-models empties the read models before a replay: a table it leaves out keeps its rows, a replay
 * writes over them, and the bench's checksums never look at it. Every table the query side migrates is listed.
 */
class RebuildScriptTest {

    @Test
    void the_rebuild_script_empties_every_read_model_table() throws IOException {
        Set<String> migrated = new TreeSet<>();
        Pattern create = Pattern.compile("CREATE TABLE (?:IF NOT EXISTS )?(\\w+)", Pattern.CASE_INSENSITIVE);
        try (Stream<Path> files = Files.walk(Path.of("src/main/resources/db/query"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".sql")).toList()) {
                Matcher m = create.matcher(Files.readString(file));
                while (m.find()) {
                    migrated.add(m.group(1).toLowerCase(java.util.Locale.ROOT));
                }
            }
        }
        String script = Files.readString(Path.of("../bin/rebuild-read-models"));
        Matcher tables = Pattern.compile("TABLES=\"([^\"]+)\"").matcher(script);
        assertThat(tables.find()).isTrue();
        Set<String> listed = new TreeSet<>(Set.of(tables.group(1).trim().split("\\s+")));
        assertThat(migrated).isNotEmpty();
        assertThat(listed).isEqualTo(migrated);
    }
}
