package munet.jobs.bench;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.SparkSession;

/**
 * Hand-made rows of {@code bench compare}: two seeds x two tasks per variant, for the verdicts'
 * tests and for the report's {@code --compare}, which reads them as {@code compare.parquet}.
 */
public final class CompareFixture {
    private CompareFixture() {}

    static CompareRow row(
            String seed, String variant, String budget, String task, double accuracy, double accounted, long images) {
        return new CompareRow(
                seed,
                variant,
                budget,
                task,
                accuracy,
                accuracy,
                1000,
                accounted,
                500,
                500,
                8,
                images,
                1.0,
                List.of(),
                new CompareRow.Diagnostics(0.5, 2, images / 2, 4, 1));
    }

    /** Two seeds x two tasks of a variant; its accuracy is {@code accuracy} on seed 1 and {@code accuracy + 0.02} on seed 2. */
    static List<CompareRow> variant(String name, String budget, double accuracy, double accounted, long images) {
        List<CompareRow> rows = new ArrayList<>();
        for (String seed : List.of("1/2022", "2/2023")) {
            double a = seed.startsWith("1") ? accuracy : accuracy + 0.02;
            rows.add(row(seed, name, budget, "digits", a - 0.01, accounted, images));
            rows.add(row(seed, name, budget, "letters", a + 0.01, accounted, images));
        }
        return rows;
    }

    static CompareTable table(List<List<CompareRow>> variants) {
        return new CompareTable(variants.stream().flatMap(List::stream).toList());
    }

    /**
     * Writes {@code <output>/compare.parquet} as {@code bench compare} does, for µ2Net (81% mean test
     * accuracy, 400 accounted parameters) and finetune-all (71%, 4,000) with a budget of 12,800 images.
     */
    public static void writeOutput(SparkSession session, String output) {
        table(List.of(variant("mu2net", "", 0.80, 400, 6400), variant("finetune-all", "12800", 0.70, 4000, 12800)))
                .writeParquet(session, output + "/compare.parquet");
    }
}
