package munet.jobs.cli;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import munet.jobs.UserError;
import munet.jobs.spark.ExecutorReport;
import munet.jobs.spark.SparkSessions;
import org.apache.spark.SparkContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code check-cluster}: proves a Spark setup can train before a long job is sent to it. One
 * Spark task per executor slot loads the PyTorch engine offline and multiplies two matrices.
 */
@Command(
        name = "check-cluster",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        header = "run PyTorch on every executor and report host, JVM pid, PyTorch version and threads",
        description = {
            "Runs one Spark task per executor slot (executor cores / spark.task.cpus); each loads the",
            "bundled DJL PyTorch engine offline, multiplies two small matrices and reports its executor.",
            "Exit code 0 when every executor computed the product correctly."
        })
public final class CheckClusterCommand implements Subcommand {

    @Option(
            names = "--executors",
            paramLabel = "N",
            description = {
                "wait until N executors have registered before starting",
                "(default 0: use those registered once Spark starts scheduling)"
            })
    private int executors;

    @Option(names = "--wait-seconds", paramLabel = "S", description = "how long to wait for them (default 120)")
    private int waitSeconds = 120;

    private static final long POLL_MILLIS = 250;

    @Override
    public Integer call() {
        try (SparkSession session = SparkSessions.start("munet check-cluster")) {
            JavaSparkContext spark = JavaSparkContext.fromSparkContext(session.sparkContext());
            awaitExecutors(spark.sc(), executors, waitSeconds);
            int slots = Math.max(
                    1,
                    spark.defaultParallelism()
                            / Integer.parseInt(spark.getConf().get("spark.task.cpus", "1")));
            long driverPid = ProcessHandle.current().pid();
            SparkSessions.describeNextJobs(spark.sc(), "munet check-cluster: " + slots + " tasks");
            List<ExecutorReport> reports = spark.parallelize(
                            IntStream.range(0, slots).boxed().toList(), slots)
                    .map(slot -> ExecutorReport.probe(driverPid))
                    .collect();
            // tasks of one executor report the same: one line per executor with its task count
            Map<ExecutorReport, Long> tasksPerExecutor = reports.stream()
                    .collect(Collectors.groupingBy(
                            r -> r,
                            () -> new TreeMap<>(Comparator.comparing(ExecutorReport::executorId)
                                    .thenComparing(ExecutorReport::pid)),
                            Collectors.counting()));
            System.out.println("master " + spark.master() + "  driver pid " + driverPid + "  tasks " + slots);
            tasksPerExecutor.forEach((report, tasks) -> System.out.println(report.line() + "  tasks " + tasks));
            boolean allCorrect = reports.stream().allMatch(ExecutorReport::matmulCorrect);
            System.out.println(allCorrect ? "cluster ok" : "cluster FAILED: some executor computed a wrong product");
            return allCorrect ? 0 : 1;
        }
    }

    /** Standalone masters grant executors after the application starts; a check wants them all. */
    private static void awaitExecutors(SparkContext context, int wanted, int waitSeconds) {
        long deadline = System.nanoTime() + waitSeconds * 1_000_000_000L;
        while (registeredExecutors(context) < wanted) {
            if (System.nanoTime() > deadline) {
                throw new UserError(
                        "only " + registeredExecutors(context) + " of " + wanted + " executors registered within "
                                + waitSeconds + " s; check the workers' cores and memory, or lower --executors");
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for executors", e);
            }
        }
    }

    /** The status tracker lists the driver too, except that in local mode it is the only one. */
    private static int registeredExecutors(SparkContext context) {
        return context.isLocal() ? 1 : context.statusTracker().getExecutorInfos().length - 1;
    }
}
