package munet.report;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import munet.store.ParquetFiles;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.example.data.Group;

/**
 * The method comparison {@code bench compare} wrote ({@code <output>/compare.parquet}, one row per
 * seed, variant and task), summarised per variant: the means a reader compares methods by.
 */
public record Comparison(List<Variant> variants) {

    /** A variant's means over its (seed, task) rows; seconds are per seed (all its tasks). */
    record Variant(
            String name,
            String budget,
            int tasks,
            int seeds,
            double testAccuracy,
            double accountedParams,
            double imagesPerTask,
            double secondsPerSeed) {}

    private record Row(
            String seed,
            String variant,
            String budget,
            String task,
            double test,
            double accounted,
            long images,
            double seconds) {}

    public Comparison {
        variants = List.copyOf(variants);
    }

    /**
     * Reads {@code dir/compare.parquet} ({@code dir} is the output folder of {@code bench compare});
     * fails naming {@code dir} when it holds none.
     */
    public static Comparison read(FileSystem fs, Path dir) throws IOException {
        Path table = new Path(dir, "compare.parquet");
        List<Path> files = ParquetFiles.filesUnder(fs, table, "part-");
        if (files.isEmpty()) {
            throw new IllegalArgumentException(
                    "--compare " + dir + ": no " + table.getName() + " there; give the output folder of bench compare");
        }
        List<Row> rows = new ArrayList<>();
        for (Path file : files) {
            for (Group g : ParquetFiles.read(fs, file)) {
                rows.add(new Row(
                        g.getString("seed", 0),
                        g.getString("variant", 0),
                        g.getString("budget", 0),
                        g.getString("task", 0),
                        g.getDouble("test_accuracy", 0),
                        g.getDouble("accounted_params", 0),
                        g.getLong("images_trained", 0),
                        g.getDouble("seconds", 0)));
            }
        }
        return of(rows);
    }

    private static Comparison of(List<Row> rows) {
        Map<String, List<Row>> byVariant = new LinkedHashMap<>();
        rows.forEach(row ->
                byVariant.computeIfAbsent(row.variant(), v -> new ArrayList<>()).add(row));
        List<Variant> variants = new ArrayList<>();
        byVariant.forEach((name, list) -> {
            int seeds = (int) list.stream().map(Row::seed).distinct().count();
            variants.add(new Variant(
                    name,
                    list.get(0).budget(),
                    (int) list.stream().map(Row::task).distinct().count(),
                    seeds,
                    list.stream().mapToDouble(Row::test).average().orElse(Double.NaN),
                    list.stream().mapToDouble(Row::accounted).average().orElse(Double.NaN),
                    list.stream().mapToLong(Row::images).average().orElse(Double.NaN),
                    list.stream().mapToDouble(Row::seconds).sum() / seeds));
        });
        return new Comparison(variants);
    }
}
