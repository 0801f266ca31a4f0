package io.ordersvc.query.rebuild;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every read-model table the query side's migrations create belongs to exactly one processor, so a rebuild of each
 * processor covers them all; bin/rebuild-read-models prepare (offline) empties the same list.
 */
class ReadModelTablesTest {

    static final Path MIGRATIONS = Path.of("src", "main", "resources", "db", "query");
    /** Bookkeeping of the rebuilds themselves, not a read model. */
    static final Set<String> NOT_READ_MODELS = Set.of("read_model_rebuild");

    @Test
    void every_query_table_belongs_to_exactly_one_processor() throws IOException {
        Set<String> created = new TreeSet<>();
        Pattern create = Pattern.compile("CREATE TABLE (?:IF NOT EXISTS )?([a-z_]+)", Pattern.CASE_INSENSITIVE);
        Pattern drop = Pattern.compile("DROP TABLE (?:IF EXISTS )?([a-z_]+)", Pattern.CASE_INSENSITIVE);
        Pattern rename = Pattern.compile("ALTER TABLE ([a-z_]+) RENAME TO ([a-z_]+)", Pattern.CASE_INSENSITIVE);
        try (Stream<Path> files = Files.walk(MIGRATIONS)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".sql")).sorted(ReadModelTablesTest::byVersion)
                    .toList()) {
                String sql = Files.readString(file);
                Matcher m = create.matcher(sql);
                while (m.find()) {
                    created.add(m.group(1).toLowerCase());
                }
                m = rename.matcher(sql);
                while (m.find()) {
                    created.remove(m.group(1).toLowerCase());
                    created.add(m.group(2).toLowerCase());
                }
                m = drop.matcher(sql);
                while (m.find()) {
                    created.remove(m.group(1).toLowerCase());
                }
            }
        }
        created.removeAll(NOT_READ_MODELS);
        List<String> listed = ReadModelTables.all().values().stream().flatMap(List::stream).toList();
        assertThat(new HashSet<>(listed)).as("no table in two processors").hasSize(listed.size());
        assertThat(new TreeSet<>(listed)).isEqualTo(created);
    }

    @Test
    void the_offline_script_empties_the_same_tables() throws IOException {
        String script = Files.readString(Path.of("..", "bin", "rebuild-read-models"));
        Matcher m = Pattern.compile("TABLES=\"([^\"]+)\"").matcher(script);
        assertThat(m.find()).isTrue();
        Set<String> scripted = Arrays.stream(m.group(1).trim().split("\\s+")).collect(Collectors.toCollection(TreeSet::new));
        assertThat(scripted).isEqualTo(ReadModelTables.all().values().stream().flatMap(List::stream)
                .collect(Collectors.toCollection(TreeSet::new)));
    }

    private static int byVersion(Path a, Path b) {
        return Integer.compare(version(a), version(b));
    }

    private static int version(Path file) {
        String name = file.getFileName().toString();
        return Integer.parseInt(name.substring(1, name.indexOf("__")));
    }
}
