package munet.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import munet.system.SystemState;
import munet.system.Task;

/**
 * The report page: one HTML file whose charts are inline SVG, styled inline, with no script and
 * nothing fetched, so it can be mailed, archived next to a run or opened offline.
 */
public final class HtmlReport {
    /** The {@code data-chart} of every chart a report of a store with history has, in page order. */
    public static final List<String> STORE_CHARTS = List.of(
            "architecture",
            "params-by-introduction",
            "accuracy-vs-params",
            "accuracy-by-version",
            "images-per-task",
            "seconds-per-task",
            "best-score-by-generation");

    /** The charts {@code --compare} adds. */
    public static final List<String> COMPARISON_CHARTS = List.of("comparison-plane");

    private static final String STYLE = "body{font-family:sans-serif;margin:24px;color:#222;max-width:1200px}"
            + "h1{font-size:22px}h2{font-size:17px;margin-top:28px}p{max-width:820px;font-size:14px}"
            + "table{border-collapse:collapse;font-size:13px}td,th{padding:3px 10px;border-bottom:1px solid #ddd}"
            + "td.n,th.n{text-align:right}.row{display:flex;flex-wrap:wrap;gap:16px}";

    private HtmlReport() {}

    public static String render(String storeUri, SystemViews views, Optional<Comparison> comparison) {
        SystemState latest = views.latest();
        List<String> tasks = new ArrayList<>(List.of(Task.ROOT));
        tasks.addAll(latest.tasks().keySet());
        Palette palette = new Palette(tasks);
        long pool = latest.components().values().stream()
                .mapToLong(c -> c.paramCount())
                .sum();
        StringBuilder html = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<title>munet report</title><style>" + STYLE + "</style></head><body>\n");
        html.append("<h1>munet system report</h1>\n<p>Store <code>")
                .append(SvgWriter.escape(storeUri))
                .append(String.format(
                        Locale.ROOT,
                        "</code>, version %d: %d tasks with a path, %,d parameters in the pool.</p>\n",
                        latest.version(),
                        latest.bestPaths().size(),
                        pool));
        leaderboard(html, views);
        section(
                html,
                "Architecture",
                "Each row is a live path; each cell the component it uses at that layer, coloured"
                        + " by the task that created it. Cells of another task's colour are reuse.");
        html.append(ArchitectureGrid.svg(views.architecture(), palette)).append('\n');
        section(
                html,
                "Parameters per task, in the order tasks were introduced",
                "Grey: the pool before the task;"
                        + " colour: parameters of today's pool the task created. The bar's end is the cumulative pool size.");
        html.append(introductions(views, palette)).append('\n');
        section(
                html,
                "Accuracy and parameters",
                "Left: test accuracy against the parameters each task accounts for"
                        + " (a component shared by k tasks counts 1/k). Right: test accuracy of each task in every committed"
                        + " version (unchanged once committed, unless a later pass improved it).");
        html.append("<div class=\"row\">").append(accuracyScatter(views, palette));
        html.append(accuracyByVersion(views, palette)).append("</div>\n");
        section(
                html,
                "Compute per task",
                "Images trained and seconds spent (all phases) by every candidate of each task.");
        html.append("<div class=\"row\">").append(compute(views, palette)).append("</div>\n");
        section(
                html,
                "Evolution",
                "Best score among the candidates kept so far, by generation (passes in order),"
                        + " with the score base the run was configured with.");
        XyChart curves = XyChart.lines(
                "best-score-by-generation",
                "Best score by generation",
                "generation",
                "best score",
                Axis.COUNT,
                v -> String.format(Locale.ROOT, "%.2f", v));
        views.bestScoreByGeneration()
                .forEach((task, points) -> curves.add(new XyChart.Series(task, palette.of(task), points)));
        html.append(curves.svg()).append('\n');
        comparison.ifPresent(c -> comparison(html, c));
        return html.append("</body></html>\n").toString();
    }

    private static void section(StringBuilder html, String title, String text) {
        html.append("<h2>")
                .append(SvgWriter.escape(title))
                .append("</h2>\n<p>")
                .append(SvgWriter.escape(text))
                .append("</p>\n");
    }

    private static void leaderboard(StringBuilder html, SystemViews views) {
        html.append("<table><tr><th>task</th><th class=\"n\">val acc</th><th class=\"n\">test acc</th>"
                + "<th class=\"n\">params</th><th class=\"n\">accounted</th></tr>\n");
        for (SystemViews.TaskAccuracy row : views.accuracies()) {
            html.append(String.format(
                    Locale.ROOT,
                    "<tr><td>%s</td><td class=\"n\">%s</td><td class=\"n\">%s</td><td class=\"n\">%,d</td>"
                            + "<td class=\"n\">%,.0f</td></tr>\n",
                    SvgWriter.escape(row.task()),
                    percent(row.validation()),
                    percent(row.test()),
                    row.totalParams(),
                    row.accountedParams()));
        }
        html.append("</table>\n");
    }

    private static String introductions(SystemViews views, Palette palette) {
        BarChart chart =
                new BarChart("params-by-introduction", "Pool size as tasks were introduced", "parameters", Axis.COUNT);
        long before = 0;
        for (SystemViews.Introduction intro : views.introductions()) {
            chart.add(
                    intro.task(),
                    List.of(
                            new BarChart.Segment(before, "#e6e6e6", "pool before " + intro.task()),
                            new BarChart.Segment(
                                    intro.createdParams(),
                                    palette.of(intro.task()),
                                    String.format(
                                            Locale.ROOT,
                                            "%s (version %d) created %,d parameters",
                                            intro.task(),
                                            intro.version(),
                                            intro.createdParams()))));
            before = intro.poolAfter();
        }
        return chart.svg();
    }

    private static String accuracyScatter(SystemViews views, Palette palette) {
        XyChart chart = XyChart.scatter(
                "accuracy-vs-params",
                "Test accuracy against accounted parameters",
                "accounted parameters",
                "test accuracy",
                Axis.COUNT,
                Axis.PERCENT);
        for (SystemViews.TaskAccuracy row : views.accuracies()) {
            chart.add(new XyChart.Series(
                    row.task(), palette.of(row.task()), List.of(new double[] {row.accountedParams(), row.test()})));
        }
        return chart.svg();
    }

    private static String accuracyByVersion(SystemViews views, Palette palette) {
        XyChart chart = XyChart.lines(
                "accuracy-by-version",
                "Test accuracy by version",
                "version",
                "test accuracy",
                Axis.COUNT,
                Axis.PERCENT);
        for (Map.Entry<String, List<double[]>> task :
                views.testAccuracyByVersion().entrySet()) {
            chart.add(new XyChart.Series(task.getKey(), palette.of(task.getKey()), task.getValue()));
        }
        return chart.svg();
    }

    private static String compute(SystemViews views, Palette palette) {
        BarChart images = new BarChart("images-per-task", "Images trained per task", "images", Axis.COUNT);
        BarChart seconds = new BarChart("seconds-per-task", "Seconds per task", "seconds", Axis.COUNT);
        for (SystemViews.Compute row : views.compute()) {
            String colour = palette.of(row.task());
            String tip = String.format(
                    Locale.ROOT,
                    "%s: %d candidates, %,d images, %.0f s",
                    row.task(),
                    row.candidates(),
                    row.images(),
                    row.seconds());
            images.add(row.task(), List.of(new BarChart.Segment(row.images(), colour, tip)));
            seconds.add(row.task(), List.of(new BarChart.Segment(row.seconds(), colour, tip)));
        }
        return images.svg() + seconds.svg();
    }

    private static void comparison(StringBuilder html, Comparison comparison) {
        section(
                html,
                "Method comparison (bench compare)",
                "Means over every seed and task of each variant;"
                        + " a baseline's budget is how many images it trained for (see BENCHMARKS.md).");
        html.append("<table><tr><th>variant</th><th>budget</th><th class=\"n\">tasks x seeds</th>"
                + "<th class=\"n\">mean test acc</th><th class=\"n\">mean accounted params</th>"
                + "<th class=\"n\">images per task</th><th class=\"n\">seconds per seed</th></tr>\n");
        Palette palette = new Palette(
                comparison.variants().stream().map(Comparison.Variant::name).toList());
        XyChart plane = XyChart.scatter(
                "comparison-plane",
                "Accuracy/parameters plane",
                "mean accounted parameters",
                "mean test accuracy",
                Axis.COUNT,
                Axis.PERCENT);
        for (Comparison.Variant v : comparison.variants()) {
            html.append(String.format(
                    Locale.ROOT,
                    "<tr><td>%s</td><td>%s</td><td class=\"n\">%d x %d</td><td class=\"n\">%s</td>"
                            + "<td class=\"n\">%,.0f</td><td class=\"n\">%,.0f</td><td class=\"n\">%.0f</td></tr>\n",
                    SvgWriter.escape(v.name()),
                    SvgWriter.escape(v.budget().isEmpty() ? "-" : v.budget()),
                    v.tasks(),
                    v.seeds(),
                    percent(v.testAccuracy()),
                    v.accountedParams(),
                    v.imagesPerTask(),
                    v.secondsPerSeed()));
            plane.add(new XyChart.Series(
                    v.name(), palette.of(v.name()), List.of(new double[] {v.accountedParams(), v.testAccuracy()})));
        }
        html.append("</table>\n").append(plane.svg()).append('\n');
    }

    private static String percent(double value) {
        return Double.isFinite(value) ? String.format(Locale.ROOT, "%.1f%%", 100 * value) : "-";
    }
}
