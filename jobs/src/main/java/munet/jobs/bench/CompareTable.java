package munet.jobs.bench;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import munet.jobs.Leaderboard;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The result of {@code bench compare}: one row per (seed, variant, task), rendered as Markdown
 * (per task, then the means per variant over tasks and seeds, then the verdicts, the
 * accuracy/parameters plane and the finetune-all budget sweep) and written as Parquet.
 */
public record CompareTable(List<CompareRow> rows) {

    static final StructType SCHEMA = new StructType()
            .add("seed", DataTypes.StringType, false)
            .add("variant", DataTypes.StringType, false)
            .add("budget", DataTypes.StringType, false)
            .add("task", DataTypes.StringType, false)
            .add("test_accuracy", DataTypes.DoubleType, false)
            .add("validation_accuracy", DataTypes.DoubleType, false)
            .add("path_params", DataTypes.LongType, false)
            .add("accounted_params", DataTypes.DoubleType, false)
            .add("new_params", DataTypes.LongType, false)
            .add("trainable_params", DataTypes.LongType, false)
            .add("candidates", DataTypes.IntegerType, false)
            .add("images_trained", DataTypes.LongType, false)
            .add("seconds", DataTypes.DoubleType, false)
            .add("reuses_from", DataTypes.createArrayType(DataTypes.StringType, false), false)
            .add("improved_share", DataTypes.DoubleType, false)
            .add("lineage_depth", DataTypes.DoubleType, false)
            .add("lineage_images", DataTypes.LongType, false)
            .add("trainable_components_per_candidate", DataTypes.DoubleType, false)
            .add("cloned_components_per_candidate", DataTypes.DoubleType, false);

    public CompareTable {
        rows = List.copyOf(rows);
    }

    List<CompareSummary> summaries() {
        return CompareSummary.of(rows);
    }

    CompareVerdicts verdicts() {
        return new CompareVerdicts(summaries());
    }

    public String markdown() {
        StringBuilder out = new StringBuilder(
                "| seed | variant | task | test acc | val acc | path params | accounted | new | trainable"
                        + " | candidates | images | seconds | reuses from |\n|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|\n");
        for (CompareRow r : rows) {
            out.append(String.format(
                    Locale.ROOT,
                    "| %s | %s | %s | %s | %s | %,d | %,.0f | %,d | %,d | %d | %,d | %.1f | %s |%n",
                    r.seed(),
                    r.variant(),
                    r.task(),
                    Leaderboard.percent(r.testAccuracy()),
                    Leaderboard.percent(r.validationAccuracy()),
                    r.pathParams(),
                    r.accountedParams(),
                    r.newParams(),
                    r.trainableParams(),
                    r.candidates(),
                    r.imagesTrained(),
                    r.seconds(),
                    String.join(", ", r.reusesFrom())));
        }
        List<CompareSummary> summaries = summaries();
        Optional<CompareSummary> finetune = summaries.stream()
                .filter(s -> s.variant().startsWith("finetune-all"))
                .findFirst();
        out.append("\n| variant | tasks x seeds | mean test acc | mean accounted params | vs "
                + finetune.map(CompareSummary::variant).orElse("finetune-all")
                + " | mean new params | mean trainable | images per task | seconds per seed |\n"
                + "|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (CompareSummary s : summaries) {
            String share = finetune.map(
                            f -> String.format(Locale.ROOT, "%.0f%%", 100 * s.accountedParams() / f.accountedParams()))
                    .orElse("-");
            out.append(String.format(
                    Locale.ROOT,
                    "| %s | %d x %d | %s | %,.0f | %s | %,.0f | %,.0f | %,.0f | %.0f |%n",
                    s.variant(),
                    s.tasks(),
                    s.seedAccuracies().size(),
                    CompareVerdicts.withSpread(s),
                    s.accountedParams(),
                    share,
                    s.newParams(),
                    s.trainableParams(),
                    s.imagesTrained(),
                    s.seconds()));
        }
        out.append("\n| variant | improved share | lineage depth | lineage images | trainable components per candidate"
                + " | cloned per candidate | validation - test |\n|---|---:|---:|---:|---:|---:|---:|\n");
        for (CompareSummary s : summaries) {
            CompareRow.Diagnostics d = s.diagnostics();
            out.append(String.format(
                    Locale.ROOT,
                    "| %s | %s | %.1f | %,d | %.1f | %.1f | %+.1f |%n",
                    s.variant(),
                    Double.isNaN(d.improvedShare()) ? "-" : Leaderboard.percent(d.improvedShare()),
                    d.lineageDepth(),
                    d.lineageImages(),
                    d.trainableComponents(),
                    d.clonedComponents(),
                    100 * s.validationTestGap()));
        }
        CompareVerdicts verdicts = verdicts();
        verdicts.claims().forEach(line -> out.append('\n').append(line).append('\n'));
        if (summaries.stream().anyMatch(CompareSummary::evolving)) {
            out.append('\n').append(verdicts.plane());
        }
        String sweep = verdicts.sweep();
        if (!sweep.isEmpty()) {
            out.append('\n').append(sweep);
        }
        return out.toString();
    }

    public void writeParquet(SparkSession session, String uri) {
        List<Row> data = rows.stream()
                .map(r -> RowFactory.create(
                        r.seed(),
                        r.variant(),
                        r.budget(),
                        r.task(),
                        r.testAccuracy(),
                        r.validationAccuracy(),
                        r.pathParams(),
                        r.accountedParams(),
                        r.newParams(),
                        r.trainableParams(),
                        r.candidates(),
                        r.imagesTrained(),
                        r.seconds(),
                        r.reusesFrom().toArray(new String[0]),
                        r.diagnostics().improvedShare(),
                        r.diagnostics().lineageDepth(),
                        r.diagnostics().lineageImages(),
                        r.diagnostics().trainableComponents(),
                        r.diagnostics().clonedComponents()))
                .toList();
        session.createDataFrame(data, SCHEMA)
                .coalesce(1)
                .write()
                .mode(SaveMode.Overwrite)
                .parquet(uri);
    }
}
