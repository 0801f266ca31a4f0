package io.ordersvc.standalone.embedded;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.mock.env.MockEnvironment;

import java.nio.file.Path;
import java.sql.DriverManager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EmbeddedDatabaseInUseTest {

    @TempDir
    Path data;

    @Test
    void a_second_instance_on_the_same_data_directory_is_stopped_with_one_sentence() throws Exception {
        String url = "jdbc:h2:file:" + data.resolve("orders") + ";MODE=PostgreSQL";
        var env = new MockEnvironment().withProperty("spring.datasource.url", url)
                .withProperty("spring.datasource.username", "sa");
        Process first = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), HoldDatabase.class.getName(), url).start();
        try {
            assertThat(new java.io.BufferedReader(new java.io.InputStreamReader(first.getInputStream())).readLine())
                    .as("the other instance opened the database").isEqualTo("open");
            Throwable failure = org.assertj.core.api.Assertions.catchThrowable(() ->
                    new EmbeddedDatabaseInUse().postProcessEnvironment(env, new SpringApplication()));
            assertThat(failure).isInstanceOf(EmbeddedDatabaseInUse.InUse.class);
            var analysis = new EmbeddedDatabaseInUse.Analyzer().analyze(failure);
            assertThat(analysis.getDescription()).contains("in use by another running instance")
                    .contains(data.resolve("orders").toString());
            assertThat(analysis.getAction()).contains("--ORDERS_DATA_DIR");
        } finally {
            first.getOutputStream().close(); // lets it go
            if (!first.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                first.destroyForcibly().waitFor();
            }
        }
        assertThatCode(() -> new EmbeddedDatabaseInUse().postProcessEnvironment(env, new SpringApplication()))
                .as("free again once the first closed it").doesNotThrowAnyException();
    }

    /** Another instance: a JVM that holds the database open until its standard input closes. */
    public static final class HoldDatabase {
        public static void main(String[] args) throws Exception {
            try (var connection = DriverManager.getConnection(args[0], "sa", "")) {
                System.out.println("open");
                System.out.flush();
                while (System.in.read() != -1) {
                    // hold the connection until the test closes our input (or dies, which closes it too)
                }
            }
        }
    }

    @Test
    void other_databases_are_not_touched() {
        var env = new MockEnvironment().withProperty("spring.datasource.url", "jdbc:postgresql://nowhere:1/x");
        assertThatCode(() -> new EmbeddedDatabaseInUse().postProcessEnvironment(env, new SpringApplication()))
                .doesNotThrowAnyException();
    }
}
