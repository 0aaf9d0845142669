package munet.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import munet.jobs.RunConfigFile;
import munet.store.StoreSettings;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Airflow DAG in {@code jobs/airflow/}. Airflow cannot be installed here (no Python package
 * registry), so the DAG is compiled by python3 when there is one and its task graph is read from
 * the file: the tasks, their order, the Spark connection, and each task's arguments parsed by the
 * real command line of the subcommand it submits.
 */
class AirflowDagTest {
    private static final Path DAG =
            Path.of(System.getProperty("basedir", "")).toAbsolutePath().resolve("airflow/munet_evolve_dag.py");
    /** {@code munet("<task>", [<args>], timeout=timedelta(<unit>=<n>), retries=<n>, retry_delay=timedelta(<unit>=<n>))}. */
    private static final Pattern TASK = Pattern.compile("munet\\(\\s*\"([a-z]+)\",\\s*\\[([^\\]]*)],\\s*"
            + "timeout=timedelta\\((\\w+)=(\\d+)\\),\\s*retries=(\\d+),\\s*retry_delay=timedelta\\((\\w+)=(\\d+)\\)");

    private record Task(List<String> args, Duration timeout, int retries, Duration retryDelay) {}

    private static String source;
    private static final Map<String, Task> TASKS = new LinkedHashMap<>();

    @BeforeAll
    static void readTheDag() throws IOException {
        source = Files.readString(DAG);
        Matcher task = TASK.matcher(source);
        while (task.find()) {
            List<String> args = Pattern.compile("\"([^\"]*)\"")
                    .matcher(task.group(2))
                    .results()
                    .map(m -> m.group(1))
                    .toList();
            TASKS.put(
                    task.group(1),
                    new Task(
                            args,
                            duration(task.group(3), task.group(4)),
                            Integer.parseInt(task.group(5)),
                            duration(task.group(6), task.group(7))));
        }
    }

    private static Duration duration(String unit, String amount) {
        long n = Long.parseLong(amount);
        return switch (unit) {
            case "hours" -> Duration.ofHours(n);
            case "minutes" -> Duration.ofMinutes(n);
            default -> throw new IllegalArgumentException("unit " + unit);
        };
    }

    @Test
    void python3CompilesTheDag() throws Exception {
        Path python = Stream.of(System.getenv("PATH").split(":"))
                .map(dir -> Path.of(dir, "python3"))
                .filter(Files::isExecutable)
                .findFirst()
                .orElse(null);
        Assumptions.assumeTrue(python != null, "python3 is not installed: the DAG is only read, not compiled");
        // compile() rather than py_compile: nothing written next to the DAG
        Process process = new ProcessBuilder(
                        python.toString(),
                        "-c",
                        "import sys; compile(open(sys.argv[1]).read(), sys.argv[1], 'exec')",
                        DAG.toString())
                .redirectErrorStream(true)
                .start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(2, TimeUnit.MINUTES), "python3 did not finish");
        assertEquals(0, process.exitValue(), out);
    }

    @Test
    void theDagRunsOnceAtATimeFromATimezoneAwareStart() {
        for (String setting : List.of(
                "from airflow.providers.apache.spark.operators.spark_submit import SparkSubmitOperator",
                "dag_id=\"munet_evolve\"",
                "catchup=False",
                "max_active_runs=1",
                "start_date=pendulum.datetime(2026, 1, 1, tz=\"UTC\")",
                "CONN_ID = \"munet_spark\"",
                "conn_id=CONN_ID",
                "application=JAR",
                "java_class=MAIN_CLASS",
                "application_args=args + [\"--config\", CONFIG]",
                "execution_timeout=timeout",
                "retries=retries",
                "retry_delay=retry_delay",
                "evolve >> verify >> report")) {
            assertTrue(source.contains(setting), "the DAG has " + setting);
        }
        assertTrue(source.contains("MAIN_CLASS = \"" + Main.class.getName() + "\""), "java_class is the entry point");
        assertEquals(List.of("evolve", "verify", "report"), List.copyOf(TASKS.keySet()));
    }

    @Test
    void everyTaskSubmitsASubcommandItsCommandLineAccepts() {
        Map<String, Subcommand> byName = new LinkedHashMap<>();
        Main.subcommands().forEach(command -> byName.put(command.name(), command));
        assertEquals(
                List.of("evolve", "--break-stale-lease"), TASKS.get("evolve").args());
        assertEquals(List.of("evaluate", "--verify"), TASKS.get("verify").args());
        assertEquals("report", TASKS.get("report").args().get(0));
        TASKS.forEach((id, task) -> {
            Subcommand command = byName.get(task.args().get(0));
            assertTrue(command != null, id + " submits a subcommand: " + task.args());
            List<String> args =
                    new ArrayList<>(task.args().subList(1, task.args().size()));
            args.addAll(List.of("--config", "{{ var.value.munet_config }}"));
            Parsing.parse(Parsing.commandLine(command), args);
        });
    }

    @Test
    void aRetryComesAfterADeadJobsLeaseIsStaleAndVerifyIsNotRetried() {
        Duration leaseTimeout =
                StoreSettings.fromConfig(RunConfigFile.load(null)).leaseTimeout();
        Task evolve = TASKS.get("evolve");
        assertTrue(evolve.retries() > 0);
        assertTrue(
                evolve.retryDelay().compareTo(leaseTimeout) > 0,
                "retry_delay " + evolve.retryDelay() + " exceeds munet.store.lease-timeout " + leaseTimeout);
        assertEquals(0, TASKS.get("verify").retries(), "a failed verify is a finding, not a transient error");
        TASKS.values().forEach(task -> assertTrue(task.timeout().compareTo(Duration.ZERO) > 0));
    }
}
