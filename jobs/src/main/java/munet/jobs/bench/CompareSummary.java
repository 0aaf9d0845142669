package munet.jobs.bench;

import java.util.ArrayList;
import java.util.DoubleSummaryStatistics;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * One variant of {@code bench compare} over all its seeds: means over every (seed, task) row, and
 * the spread of the per-seed mean test accuracy (a claim within that spread is not a claim).
 *
 * @param seedAccuracies the mean test accuracy over the tasks of each seed, in seed order
 */
record CompareSummary(
        String variant,

        String budget,
        int tasks,
        double testAccuracy,
        List<Double> seedAccuracies,
        double accountedParams,
        double newParams,
        double trainableParams,
        double imagesTrained,
        double seconds,
        CompareRow.Diagnostics diagnostics,
        double validationTestGap) {

    /** An evolved variant: baselines alone have a budget. */
    boolean evolving() {
        return budget.isEmpty();
    }

    CompareSummary {
        seedAccuracies = List.copyOf(seedAccuracies);
    }

    /** The summaries of every variant, in the order the variants first appear. */
    static List<CompareSummary> of(List<CompareRow> rows) {
        Map<String, List<CompareRow>> byVariant = new LinkedHashMap<>();
        rows.forEach(row ->
                byVariant.computeIfAbsent(row.variant(), v -> new ArrayList<>()).add(row));
        List<CompareSummary> summaries = new ArrayList<>();
        byVariant.forEach((variant, list) -> {
            Map<String, List<CompareRow>> bySeed = new LinkedHashMap<>();
            list.forEach(row ->
                    bySeed.computeIfAbsent(row.seed(), s -> new ArrayList<>()).add(row));
            List<Double> seedAccuracies = bySeed.values().stream()
                    .map(seedRows -> mean(seedRows, CompareRow::testAccuracy))
                    .toList();
            CompareRow first = list.get(0);
            summaries.add(new CompareSummary(
                    variant,
                    first.budget(),
                    (int) list.stream().map(CompareRow::task).distinct().count(),
                    mean(list, CompareRow::testAccuracy),
                    seedAccuracies,
                    mean(list, CompareRow::accountedParams),
                    mean(list, CompareRow::newParams),
                    mean(list, CompareRow::trainableParams),
                    mean(list, CompareRow::imagesTrained),
                    list.stream().mapToDouble(CompareRow::seconds).sum() / bySeed.size(),
                    new CompareRow.Diagnostics(
                            meanIgnoringNaN(list, r -> r.diagnostics().improvedShare()),
                            mean(list, r -> r.diagnostics().lineageDepth()),
                            Math.round(mean(list, r -> r.diagnostics().lineageImages())),
                            mean(list, r -> r.diagnostics().trainableComponents()),
                            mean(list, r -> r.diagnostics().clonedComponents())),
                    mean(list, r -> r.validationAccuracy() - r.testAccuracy())));
        });
        return summaries;
    }

    /** Half the range of the per-seed means: 0 with one seed. */
    double spread() {
        DoubleSummaryStatistics range =
                seedAccuracies.stream().mapToDouble(Double::doubleValue).summaryStatistics();
        return seedAccuracies.isEmpty() ? 0 : (range.getMax() - range.getMin()) / 2;
    }

    /** Whether this point is at least as accurate with at most as many parameters as {@code other}, and better in one. */
    boolean dominates(CompareSummary other) {
        boolean noWorse = testAccuracy >= other.testAccuracy && accountedParams <= other.accountedParams;
        return noWorse && (testAccuracy > other.testAccuracy || accountedParams < other.accountedParams);
    }

    /** The mean of the values that are numbers (an improved share is NaN where no candidate had its own task's parent). */
    private static double meanIgnoringNaN(List<CompareRow> rows, ToDoubleFunction<CompareRow> value) {
        return rows.stream()
                .mapToDouble(value)
                .filter(v -> !Double.isNaN(v))
                .average()
                .orElse(Double.NaN);
    }

    /** The mean over a variant's rows; a variant exists only through its rows, so there is at least one. */
    private static double mean(List<CompareRow> rows, ToDoubleFunction<CompareRow> value) {
        return rows.stream().mapToDouble(value).average().getAsDouble();
    }
}
