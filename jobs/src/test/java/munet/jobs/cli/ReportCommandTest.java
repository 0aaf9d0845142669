package munet.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import munet.jobs.NotebookStore;
import munet.jobs.TinyRun;
import munet.jobs.bench.CompareFixture;
import munet.report.HtmlReport;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code report} on a store written by the real store classes ({@link NotebookStore}: three tasks,
 * two committed versions and a crashed one, seven candidates) and a {@code bench compare} output
 * written as the benchmark writes it; the page is opened in headless Chromium ({@link Chromium}).
 */
class ReportCommandTest {
    @TempDir
    static Path dir;

    private static Path store;
    private static Path compare;
    private static Path page;
    private static String html;

    @BeforeAll
    static void writeTheReport() throws Exception {
        store = Files.createDirectories(dir.resolve("store"));
        NotebookStore.write(store);
        compare = dir.resolve("compare");
        SparkSession spark = SparkSession.builder()
                .master("local[1]")
                .appName("ReportCommandTest")
                .config("spark.ui.enabled", "false")
                .getOrCreate();
        try {
            CompareFixture.writeOutput(spark, compare.toUri().toString());
        } finally {
            spark.stop();
        }
        page = dir.resolve("report.html");
        TinyRun.Result report = TinyRun.munet(
                "report", "--store", store.toString(), "--output", page.toString(), "--compare", compare.toString());
        assertEquals(0, report.exitCode(), report.err());
        assertTrue(report.out().contains("wrote " + page), report.out());
        html = Files.readString(page);
    }

    @Test
    void thePageIsSelfContained() {
        assertFalse(html.contains("<script"), "no script");
        assertFalse(Pattern.compile("(src|href)=").matcher(html).find(), "nothing loaded from elsewhere");
        assertEquals(
                List.of("http://www.w3.org/2000/svg"),
                Pattern.compile("https?://[^\"]*")
                        .matcher(html)
                        .results()
                        .map(m -> m.group())
                        .distinct()
                        .toList(),
                "the only URL is SVG's namespace");
    }

    @Test
    void theViewsHoldTheStoresNumbers() {
        // leaderboard of the latest committed version (version 3 has no marker)
        assertTrue(html.contains("version 2: 3 tasks with a path"), html);
        assertTrue(html.contains("<td>digits</td><td class=\"n\">90.0%</td><td class=\"n\">88.0%</td>"), html);
        // architecture: bengali runs on the encoder block digits created, letters on the root's
        assertTrue(html.contains("bengali uses encoderblock_0 created by digits"));
        assertTrue(html.contains("letters uses encoderblock_0 created by root"));
        assertTrue(html.contains("digits uses head created by digits"));
        // introduction order: the root, then version 1's tasks in registration order, then bengali
        List<String> introduced = Pattern.compile("<title>(\\w+) \\(version (\\d)\\) created")
                .matcher(html)
                .results()
                .map(m -> m.group(1) + "@" + m.group(2))
                .toList();
        assertEquals(List.of("root@1", "digits@1", "letters@1", "bengali@2"), introduced);
        long bengaliCreated = NotebookStore.params("bengali/final_norm") + NotebookStore.params("bengali/head");
        assertTrue(html.contains(String.format("bengali (version 2) created %,d parameters", bengaliCreated)));
        // compute: 4 candidates of digits, 640 images and 3.25 s each
        assertTrue(html.contains("digits: 4 candidates, 2,560 images, 13 s"), html);
        // best score by generation: 0.8 then 0.9 accuracy, times the runs' score factor 0.9
        assertTrue(html.contains("<title>digits: 1, 0.72</title>") && html.contains("<title>digits: 2, 0.81</title>"));
        // the comparison's means over two seeds and two tasks
        assertTrue(html.contains("<td>mu2net</td><td>-</td><td class=\"n\">2 x 2</td><td class=\"n\">81.0%</td>"));
        assertTrue(
                html.contains("<td>finetune-all</td><td>12800</td><td class=\"n\">2 x 2</td><td class=\"n\">71.0%</td>"
                        + "<td class=\"n\">4,000</td>"));
    }

    @Test
    void aBrowserDrawsEveryChart() throws Exception {
        Chromium chromium = Chromium.findOrSkip();
        String dom = chromium.dumpDom(page, dir.resolve("profile-dom"));
        List<String> expected = new ArrayList<>(HtmlReport.STORE_CHARTS);
        expected.addAll(HtmlReport.COMPARISON_CHARTS);
        Map<String, Integer> shapes = new HashMap<>();
        Matcher svg = Pattern.compile("<svg[^>]*data-chart=\"([a-z-]+)\"[^>]*>(.*?)</svg>", Pattern.DOTALL)
                .matcher(dom);
        while (svg.find()) {
            shapes.put(svg.group(1), (int) Pattern.compile("<(rect|circle|polyline)")
                    .matcher(svg.group(2))
                    .results()
                    .count());
        }
        assertEquals(
                expected,
                List.copyOf(shapes.keySet()).stream()
                        .sorted(Comparator.comparing(expected::indexOf))
                        .toList());
        shapes.forEach((chart, count) -> assertTrue(count > 2, chart + " has shapes: " + count));

        BufferedImage screenshot =
                ImageIO.read(chromium.screenshot(page, dir.resolve("profile-shot"), dir.resolve("report.png"))
                        .toFile());
        int white = 0;
        int digitsBlue = 0;
        for (int y = 0; y < screenshot.getHeight(); y++) {
            for (int x = 0; x < screenshot.getWidth(); x++) {
                int rgb = screenshot.getRGB(x, y) & 0xffffff;
                white += rgb == 0xffffff ? 1 : 0;
                digitsBlue += rgb == 0x4e79a7 ? 1 : 0;
            }
        }
        int pixels = screenshot.getWidth() * screenshot.getHeight();
        assertTrue(white < pixels * 0.98, "the page is not blank: " + white + " of " + pixels + " pixels white");
        assertTrue(digitsBlue > 500, "the first task's colour is drawn: " + digitsBlue + " pixels");
    }

    @Test
    void aStoreJustCreatedHasItsRootAndNoEvolutionYet() throws Exception {
        TinyRun run = new TinyRun(Files.createDirectories(dir.resolve("fresh")));
        run.generateData();
        Path conf = run.config("fresh.conf", List.of("t-a"), "");
        assertEquals(0, TinyRun.munet("init", "--config", conf.toString()).exitCode());
        Path fresh = dir.resolve("fresh.html");
        TinyRun.Result report = TinyRun.munet("report", "--config", conf.toString(), "--output", fresh.toString());
        assertEquals(0, report.exitCode(), report.err());
        String page = Files.readString(fresh);
        assertTrue(page.contains("version 1: 0 tasks with a path"), page);
        assertTrue(page.contains("root uses head created by root"));
        for (String chart : HtmlReport.STORE_CHARTS) {
            assertTrue(page.contains("data-chart=\"" + chart + "\""), chart);
        }
        assertFalse(page.contains("<polyline"), "no task has evolved: no curve");
    }

    @Test
    void badInputIsNamedAndWritesNothing() throws Exception {
        Path out = dir.resolve("not-written.html");
        TinyRun.Result noCompare = TinyRun.munet(
                "report",
                "--store",
                store.toString(),
                "--output",
                out.toString(),
                "--compare",
                dir.resolve("nowhere").toString());
        assertEquals(2, noCompare.exitCode());
        assertTrue(noCompare.err().contains("nowhere") && noCompare.err().contains("bench compare"), noCompare.err());
        TinyRun.Result empty = TinyRun.munet(
                "report",
                "--store",
                Files.createDirectories(dir.resolve("empty")).toString(),
                "--output",
                out.toString());
        assertEquals(2, empty.exitCode());
        assertTrue(empty.err().contains("holds no committed system"), empty.err());
        assertFalse(Files.exists(out));
    }
}
