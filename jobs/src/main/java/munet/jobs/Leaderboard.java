package munet.jobs;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import munet.evolution.Scorer;
import munet.system.Component;
import munet.system.Path;
import munet.system.SystemState;

/**
 * One row per task of a committed system: accuracy, parameters (the path's total, its
 * accounted share, the ones it owns alone) and the components it shares with other tasks.
 */
public record Leaderboard(long version, long poolParams, List<Row> rows) {

    record Row(
            String task,
            double validation,
            double test,
            long totalParams,
            double accountedParams,
            long ownParams,
            int components,
            int shared,
            Set<String> sharesWith) {}

    public static Leaderboard of(SystemState system) {
        List<Row> rows = new ArrayList<>();
        long rootParams = system.rootParams();
        for (Path path : system.bestPaths().values()) {
            // the accounted share does not depend on the score base
            double accounted = new Scorer(1.0, rootParams, path.task()).accountedParams(path, system::component);
            long total = 0;
            long own = 0;
            int shared = 0;
            Set<String> sharesWith = new TreeSet<>();
            for (String id : path.componentIds()) {
                Component component = system.component(id);
                total += component.paramCount();
                own += component.isTrainableFor(path.task()) ? component.paramCount() : 0;
                Set<String> others = new TreeSet<>(component.owners());
                others.remove(path.task());
                if (!others.isEmpty()) {
                    shared++;
                    sharesWith.addAll(others);
                }
            }
            rows.add(new Row(
                    path.task(),
                    path.quality(),
                    path.testQuality(),
                    total,
                    accounted,
                    own,
                    path.componentIds().size(),
                    shared,
                    sharesWith));
        }
        long pool = system.components().values().stream()
                .mapToLong(Component::paramCount)
                .sum();
        return new Leaderboard(system.version(), pool, rows);
    }

    public String render() {
        StringBuilder out = new StringBuilder(String.format(
                Locale.ROOT,
                "system version %d: %d tasks, %,d parameters in the pool%n",
                version,
                rows.size(),
                poolParams));
        String format = "%-18s %8s %8s %10s %10s %10s %8s  %s%n";
        out.append(String.format(
                Locale.ROOT,
                format,
                "task",
                "val acc",
                "test acc",
                "params",
                "accounted",
                "own",
                "shared",
                "shares with"));
        for (Row row : rows) {
            out.append(String.format(
                    Locale.ROOT,
                    format,
                    row.task(),
                    percent(row.validation()),
                    percent(row.test()),
                    String.format(Locale.ROOT, "%,d", row.totalParams()),
                    String.format(Locale.ROOT, "%,.0f", row.accountedParams()),
                    String.format(Locale.ROOT, "%,d", row.ownParams()),
                    row.shared() + "/" + row.components(),
                    row.sharesWith().isEmpty() ? "-" : String.join(", ", row.sharesWith())));
        }
        return out.toString();
    }

    /** An accuracy as shown in every table, "-" when not measured. */
    public static String percent(double value) {
        return Double.isFinite(value) ? String.format(Locale.ROOT, "%.1f%%", 100 * value) : "-";
    }
}
