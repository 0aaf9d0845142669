package munet.jobs.cli;

import java.io.IOException;
import java.util.List;
import java.util.Locale;
import munet.evolution.CandidateSpec;
import munet.evolution.TestResult;
import munet.jobs.StoreJob;
import munet.jobs.spark.SparkLearner;
import munet.jobs.spark.SparkSessions;
import munet.jobs.spark.TrainingLearnerFactory;
import munet.system.Path;
import munet.system.SystemState;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code evaluate}: test accuracy of every task's committed path. With {@code --verify} it also
 * proves immutability: every blob matches its hash and every task's test predictions are
 * bit-identical to those recorded when its path was committed.
 */
@Command(
        name = "evaluate",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        header = "test accuracy of every task; --verify checks predictions are bit-identical to those committed",
        description = {"Runs every task's committed path on its test split (one Spark task per task)."})
public final class EvaluateCommand implements Subcommand {

    @Mixin
    private final StoreOptions storeOptions = new StoreOptions();

    @Option(
            names = "--verify",
            description = {
                "also check every blob's hash and that each task's test predictions equal",
                "those recorded at its commit; exit code 1 if anything differs"
            })
    private boolean verify;

    @Override
    public Integer call() throws IOException {
        try (SparkSession session = SparkSessions.start("munet evaluate")) {
            StoreJob job = storeOptions.open(session.sparkContext().hadoopConfiguration());
            SystemState system = job.committed();
            if (verify) {
                job.store().verifyBlobs(system);
            }
            List<Path> paths = List.copyOf(system.bestPaths().values());
            List<CandidateSpec> specs = paths.stream()
                    .map(path -> CandidateSpec.ofCommittedPath(system, path, 0))
                    .toList();
            JavaSparkContext spark = JavaSparkContext.fromSparkContext(session.sparkContext());
            List<TestResult> results = new SparkLearner(
                            spark,
                            TrainingLearnerFactory.reading(job.storeUri(), job.config()),
                            () -> "evaluate version " + system.version())
                    .test(specs);
            int differing = 0;
            System.out.printf(
                    "system version %d%n%-18s %9s %9s  %s%n",
                    system.version(), "task", "test acc", "examples", verify ? "predictions" : "");
            for (int i = 0; i < paths.size(); i++) {
                Path path = paths.get(i);
                TestResult result = results.get(i);
                String check = "";
                if (verify) {
                    boolean same = result.predictionsDigest().equals(path.testDigest());
                    differing += same ? 0 : 1;
                    check = same
                            ? "identical to commit"
                            : "DIFFER from commit (" + path.testDigest() + " recorded, " + result.predictionsDigest()
                                    + " now)";
                }
                System.out.printf(
                        Locale.ROOT,
                        "%-18s %8.1f%% %9d  %s%n",
                        path.task(),
                        100 * result.accuracy(),
                        result.examples(),
                        check);
            }
            if (verify) {
                System.out.println(
                        differing == 0
                                ? "verified: every blob matches its hash and every task's predictions are unchanged"
                                : "verification FAILED: " + differing
                                        + " task(s) predict differently from their commit");
            }
            return differing == 0 ? 0 : 1;
        }
    }
}
