package munet.jobs.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToDoubleFunction;
import munet.jobs.Leaderboard;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The result of {@code bench compare}: one row per (variant, task), rendered as Markdown (per
 * task, then averages per variant, then the verdict on the claim) and written as Parquet.
 */
public record CompareTable(List<CompareRow> rows) {

  /** The claim under test: µ2Net at least as accurate as finetune-all with at most this share of its parameters per task. */
  static final double CLAIMED_PARAMS_SHARE = 0.6;

  static final StructType SCHEMA = new StructType()
      .add("variant", DataTypes.StringType, false).add("task", DataTypes.StringType, false)
      .add("test_accuracy", DataTypes.DoubleType, false).add("validation_accuracy", DataTypes.DoubleType, false)
      .add("path_params", DataTypes.LongType, false).add("accounted_params", DataTypes.DoubleType, false)
      .add("new_params", DataTypes.LongType, false).add("trainable_params", DataTypes.LongType, false)
      .add("candidates", DataTypes.IntegerType, false).add("images_trained", DataTypes.LongType, false)
      .add("seconds", DataTypes.DoubleType, false)
      .add("reuses_from", DataTypes.createArrayType(DataTypes.StringType, false), false);

  /** Means over the tasks of one variant. */
  record Summary(String variant, int tasks, double testAccuracy, double accountedParams, double newParams, double trainableParams,
      double imagesTrained, double seconds) {}

  public CompareTable {
    rows = List.copyOf(rows);
  }

  List<Summary> summaries() {
    Map<String, List<CompareRow>> byVariant = new LinkedHashMap<>();
    rows.forEach(row -> byVariant.computeIfAbsent(row.variant(), v -> new ArrayList<>()).add(row));
    List<Summary> summaries = new ArrayList<>();
    byVariant.forEach((variant, list) -> summaries.add(new Summary(variant, list.size(), mean(list, CompareRow::testAccuracy),
        mean(list, CompareRow::accountedParams), mean(list, CompareRow::newParams), mean(list, CompareRow::trainableParams),
        mean(list, CompareRow::imagesTrained), list.stream().mapToDouble(CompareRow::seconds).sum())));
    return summaries;
  }

  private static Optional<Summary> named(List<Summary> summaries, String variant) {
    return summaries.stream().filter(s -> s.variant().equals(variant)).findFirst();
  }

  /** The mean over a variant's rows; a variant exists only through its rows, so there is at least one. */
  private static double mean(List<CompareRow> rows, ToDoubleFunction<CompareRow> value) {
    return rows.stream().mapToDouble(value).average().getAsDouble();
  }

  public String markdown() {
    StringBuilder out = new StringBuilder("| variant | task | test acc | val acc | path params | accounted | new | trainable"
        + " | candidates | images | seconds | reuses from |\n|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|\n");
    for (CompareRow r : rows) {
      out.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %,d | %,.0f | %,d | %,d | %d | %,d | %.1f | %s |%n", r.variant(),
          r.task(), Leaderboard.percent(r.testAccuracy()), Leaderboard.percent(r.validationAccuracy()), r.pathParams(), r.accountedParams(), r.newParams(),
          r.trainableParams(), r.candidates(), r.imagesTrained(), r.seconds(), String.join(", ", r.reusesFrom())));
    }
    List<Summary> summaries = summaries();
    Optional<Summary> finetune = named(summaries, "finetune-all");
    out.append("\n| variant | tasks | mean test acc | mean accounted params | vs finetune-all | mean new params"
        + " | mean trainable | images per task | seconds |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    for (Summary s : summaries) {
      String share = finetune.map(f -> String.format(Locale.ROOT, "%.0f%%", 100 * s.accountedParams() / f.accountedParams())).orElse("-");
      out.append(String.format(Locale.ROOT, "| %s | %d | %s | %,.0f | %s | %,.0f | %,.0f | %,.0f | %.0f |%n", s.variant(), s.tasks(),
          Leaderboard.percent(s.testAccuracy()), s.accountedParams(), share, s.newParams(), s.trainableParams(), s.imagesTrained(), s.seconds()));
    }
    verdict().ifPresent(line -> out.append('\n').append(line).append('\n'));
    return out.toString();
  }

  /** Whether mu2net met the claim against finetune-all, when both ran. */
  Optional<String> verdict() {
    List<Summary> summaries = summaries();
    Optional<Summary> mu2net = named(summaries, "mu2net");
    Optional<Summary> finetune = named(summaries, "finetune-all");
    if (mu2net.isEmpty() || finetune.isEmpty()) {
      return Optional.empty();
    }
    Summary m = mu2net.get();
    Summary f = finetune.get();
    double share = m.accountedParams() / f.accountedParams();
    boolean accurate = m.testAccuracy() >= f.testAccuracy();
    boolean small = share <= CLAIMED_PARAMS_SHARE;
    return Optional.of(String.format(Locale.ROOT, "Claim (mu2net mean test accuracy >= finetune-all's with <= %.0f%% of its"
        + " accounted parameters per task): %s. mu2net %s vs %s; parameters %.0f%% of finetune-all's.",
        100 * CLAIMED_PARAMS_SHARE, accurate && small ? "MET" : "NOT MET" + (accurate ? " (too many parameters)"
            : small ? " (lower accuracy)" : " (lower accuracy, too many parameters)"),
        Leaderboard.percent(m.testAccuracy()), Leaderboard.percent(f.testAccuracy()), 100 * share));
  }

  public void writeParquet(SparkSession session, String uri) {
    List<Row> data = rows.stream().map(r -> RowFactory.create(r.variant(), r.task(), r.testAccuracy(), r.validationAccuracy(),
        r.pathParams(), r.accountedParams(), r.newParams(), r.trainableParams(), r.candidates(), r.imagesTrained(), r.seconds(),
        r.reusesFrom().toArray(new String[0]))).toList();
    session.createDataFrame(data, SCHEMA).coalesce(1).write().mode(SaveMode.Overwrite).parquet(uri);
  }
}
