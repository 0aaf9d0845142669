package munet.data.benchmark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import java.awt.Font;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import munet.data.DatasetReader;
import munet.data.DatasetSplits;
import munet.data.ImageRow;
import munet.data.ImportOptions;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchmarkGeneratorTest {
    private static final String SMALL = """
      munet.data.benchmark.task-defaults.examples-per-class { train = 3, validation = 2, test = 2 }
      munet.data.benchmark.task-defaults.noise-stddev = 0
      munet.data.benchmark.tasks.telugu-in-dejavu {
        ranges = ["0C66-0C67"], fonts = ["DejaVu Sans"], font-packages = ["fonts-lohit-telu"]
      }
      """;

    @TempDir
    Path dir;

    private final Configuration conf = new Configuration();
    private final FontCatalog catalog = FontCatalog.installed();

    private BenchmarkSuite suite(String overrides) {
        return BenchmarkSuite.fromConfig(ConfigFactory.parseString(overrides + SMALL)
                .withFallback(ConfigFactory.defaultReference())
                .resolve());
    }

    private List<ImageRow> generate(BenchmarkSuite suite, String out, String task) throws Exception {
        ImportOptions options = ImportOptions.fromConfig(ConfigFactory.defaultReference(), false);
        new BenchmarkGenerator(suite, catalog, options).generate(out, conf, line -> {});
        DatasetReader reader = DatasetReader.open(out + "/" + task, conf, options.carve());
        List<ImageRow> rows = new ArrayList<>();
        for (String split : DatasetSplits.ALL) {
            reader.forEach(split, (row, origin) -> rows.add(row));
        }
        return rows;
    }

    @Test
    void defaultSuiteListsTheScriptsAndClasses() {
        BenchmarkSuite suite = BenchmarkSuite.fromConfig(ConfigFactory.defaultReference());
        Map<String, Integer> classes = new HashMap<>();
        suite.tasks().forEach(t -> classes.put(t.name(), t.codePoints().size()));
        assertEquals(
                Map.of(
                        "latin-digits",
                        10,
                        "latin-upper",
                        26,
                        "latin-lower",
                        26,
                        "greek-upper",
                        24,
                        "cyrillic-upper",
                        32,
                        "bengali-digits",
                        10,
                        "devanagari-digits",
                        10,
                        "telugu-digits",
                        10),
                classes);
        assertEquals(32, suite.tasks().get(0).imageSize());
    }

    @Test
    void sameSeedRendersTheSameImagesAndClassesAreBalanced() throws Exception {
        BenchmarkSuite suite = suite("").select(List.of("latin-digits"));
        List<ImageRow> first = generate(suite, dir.resolve("a").toString(), "latin-digits");
        List<ImageRow> second = generate(suite, dir.resolve("b").toString(), "latin-digits");
        assertEquals(70, first.size());
        for (int i = 0; i < first.size(); i++) {
            assertArrayEquals(first.get(i).bytes(), second.get(i).bytes(), "image " + i);
        }
        List<ImageRow> reseeded = generate(suite.withSeed(99), dir.resolve("c").toString(), "latin-digits");
        assertFalse(
                java.util.Arrays.equals(first.get(0).bytes(), reseeded.get(0).bytes()));

        Map<Long, Integer> perLabel = new HashMap<>();
        first.forEach(r -> perLabel.merge(r.label(), 1, Integer::sum));
        assertEquals(10, perLabel.size());
        assertTrue(perLabel.values().stream().allMatch(n -> n == 7), perLabel.toString());
    }

    @Test
    void everyRenderedGlyphIsVisibleOnItsBackground() throws Exception {
        BenchmarkSuite suite = suite("").select(List.of("greek-upper", "latin-lower"));
        for (String task : List.of("greek-upper", "latin-lower")) {
            for (ImageRow row : generate(suite, dir.resolve(task).toString(), task)) {
                BufferedImage image = ImageIO.read(new ByteArrayInputStream(row.bytes()));
                assertTrue(strokePixels(image) >= 12, task + " " + row.path() + " has an empty glyph");
            }
        }
    }

    /** Pixels far (in luminance) from the most common colour, the background. */
    private static int strokePixels(BufferedImage image) {
        Map<Integer, Integer> counts = new HashMap<>();
        int[] px = image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
        for (int p : px) {
            counts.merge(p, 1, Integer::sum);
        }
        int background = counts.entrySet().stream()
                .max(Map.Entry.comparingByValue())
                .get()
                .getKey();
        int n = 0;
        for (int p : px) {
            n += Math.abs(luma(p) - luma(background)) > 40 ? 1 : 0;
        }
        return n;
    }

    private static double luma(int rgb) {
        return GlyphRenderer.luminance(new java.awt.Color(rgb));
    }

    @Test
    void missingGlyphBoxIsNeverTakenForACharacter() throws Exception {
        Font sans = catalog.allowed(List.of("DejaVu Sans")).get(0);
        assertTrue(FontCatalog.renders(sans, 'A'));
        assertFalse(FontCatalog.renders(sans, 0x0C66), "DejaVu has no Telugu digits");
        Font box = sans.deriveFont(64f);
        java.awt.Shape notdef = box.createGlyphVector(
                        new java.awt.font.FontRenderContext(null, true, true), new int[] {box.getMissingGlyphCode()})
                .getOutline();
        assertTrue(FontCatalog.isMissingGlyph(box, notdef));
        assertFalse(FontCatalog.isMissingGlyph(box, FontCatalog.glyphs(box, 'A').getOutline()));
    }

    @Test
    void theSameFaceFromTwoEntriesCountsOnce() throws Exception {
        List<Font> byFamily = catalog.allowed(List.of("DejaVu Sans"));
        List<Font> both = catalog.allowed(List.of("DejaVu Sans", "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"));
        assertEquals(byFamily.size(), both.size());
        assertTrue(byFamily.size() >= 2, "DejaVu Sans faces: " + byFamily);
    }

    @Test
    void unrenderableTaskNamesCharactersAndPackagesAndWritesNothing() throws Exception {
        BenchmarkSuite suite = suite("").select(List.of("latin-digits", "telugu-in-dejavu"));
        Exception e =
                assertThrows(IllegalArgumentException.class, () -> generate(suite, dir.toString(), "latin-digits"));
        assertTrue(
                e.getMessage().contains("task telugu-in-dejavu")
                        && e.getMessage().contains("U+0C66")
                        && e.getMessage().contains("U+0C67")
                        && e.getMessage().contains("apt-get install fonts-lohit-telu"),
                e.getMessage());
        try (var files = Files.list(dir)) {
            assertEquals(0, files.count());
        }
    }

    @Test
    void anExistingTaskFolderStopsTheRunBeforeAnyTaskIsWritten() throws Exception {
        BenchmarkSuite suite = suite("").select(List.of("latin-digits", "latin-upper"));
        Files.createDirectories(dir.resolve("latin-upper"));
        Exception e = assertThrows(java.io.IOException.class, () -> generate(suite, dir.toString(), "latin-digits"));
        assertTrue(e.getMessage().contains("latin-upper already exists"), e.getMessage());
        try (var files = Files.list(dir)) {
            assertEquals(List.of(dir.resolve("latin-upper")), files.toList());
        }
    }

    @Test
    void unrenderableOptionalTaskIsSkippedWithAWarning() throws Exception {
        BenchmarkSuite suite = suite("munet.data.benchmark.tasks.telugu-in-dejavu.optional = true\n")
                .select(List.of("telugu-in-dejavu", "latin-digits"));
        List<String> log = new ArrayList<>();
        ImportOptions options = ImportOptions.fromConfig(ConfigFactory.defaultReference(), false);
        var reports = new BenchmarkGenerator(suite, catalog, options).generate(dir.toString(), conf, log::add);
        assertEquals(1, reports.size());
        assertTrue(log.get(0).startsWith("WARNING: skipping optional task telugu-in-dejavu"), log.get(0));
        try (var files = Files.list(dir)) {
            assertEquals(List.of(dir.resolve("latin-digits")), files.toList());
        }
    }

    @Test
    void indicDigitsRenderWithTheirAllowedFontsOnly() throws Exception {
        BenchmarkSuite suite = BenchmarkSuite.fromConfig(ConfigFactory.defaultReference());
        ImportOptions options = ImportOptions.fromConfig(ConfigFactory.defaultReference(), false);
        BenchmarkGenerator generator = new BenchmarkGenerator(suite, catalog, options);
        for (CharacterTask task : suite.tasks()) {
            if (!task.optional() || !catalog.allowed(task.fonts()).isEmpty()) {
                for (List<Font> faces : generator.facesPerClass(task)) {
                    assertTrue(
                            faces.stream().allMatch(f -> task.fonts().contains(f.getFamily())),
                            task.name() + " uses " + faces);
                }
            }
        }
    }
}
