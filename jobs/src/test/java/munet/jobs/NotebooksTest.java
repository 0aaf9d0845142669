package munet.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import munet.jobs.bench.CompareFixture;
import munet.store.SystemStore;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs every paragraph of the Zeppelin notes in {@code notebooks/} against a store written by
 * the real store classes ({@link NotebookStore}), as Zeppelin would, each note in its own Spark
 * session, and checks what a user would read in the tables and charts.
 */
class NotebooksTest {
    private static final double BASE = 0.5;
    private static final String STORE_DEFAULT = "file:///tmp/munet/store";
    private static final Path NOTEBOOKS = Path.of(System.getProperty("basedir", ""))
            .toAbsolutePath()
            .getParent()
            .resolve("notebooks");
    private static final Map<String, ZeppelinNote> NOTES = new HashMap<>();
    private static final Map<String, SparkSession> SESSIONS = new HashMap<>();
    private static final Map<String, List<Row>> RESULTS = new HashMap<>();
    private static SparkSession spark;
    private static Map<String, String> forms;

    @TempDir
    static Path store;

    @TempDir
    static Path bench;

    @BeforeAll
    static void runEveryNote() throws IOException {
        NotebookStore.write(store);
        forms = Map.of(
                "store",
                store.toUri().toString(),
                "base",
                Double.toString(BASE),
                "compare",
                bench.toUri().toString());
        // the queries are tiny: planning, not execution, is their cost
        spark = SparkSession.builder()
                .master("local[1]")
                .appName("NotebooksTest")
                .config("spark.ui.enabled", "false")
                .config("spark.sql.shuffle.partitions", "1")
                .config("spark.sql.codegen.wholeStage", "false")
                .config("spark.sql.adaptive.enabled", "false")
                .getOrCreate();
        CompareFixture.writeOutput(spark, bench.toUri().toString());
        try (Stream<Path> files = Files.list(NOTEBOOKS)) {
            for (Path file :
                    files.filter(f -> f.toString().endsWith(".zpln")).sorted().toList()) {
                ZeppelinNote note = ZeppelinNote.read(file);
                SparkSession session = spark.newSession();
                NOTES.put(note.name(), note);
                SESSIONS.put(note.name(), session);
                for (ZeppelinNote.Paragraph paragraph : note.paragraphs()) {
                    if (paragraph.interpreter().equals("%spark")) {
                        registerCommittedVersions(session, paragraph);
                    } else if (paragraph.interpreter().equals("%spark.sql")) {
                        RESULTS.put(note.name() + ": " + paragraph.title(), run(session, paragraph, forms));
                    }
                }
            }
        }
    }

    @AfterAll
    static void stopSpark() {
        spark.stop();
    }

    /**
     * What the note's Scala paragraph does (Spark's SQL readers skip {@code _COMMITTED}): lists the
     * commit markers with Hadoop's FileSystem and registers their versions as a view.
     */
    private static void registerCommittedVersions(SparkSession session, ZeppelinNote.Paragraph paragraph)
            throws IOException {
        for (String step : List.of(
                "z.noteTextbox(\"store\", \"" + STORE_DEFAULT + "\")",
                "\"/versions/*/" + SystemStore.MARKER + "\"",
                "fs.globStatus(markers)",
                "createOrReplaceTempView(\"committed_versions\")")) {
            assertTrue(paragraph.body().contains(step), "'" + paragraph.title() + "' does " + step);
        }
        org.apache.hadoop.fs.Path markers =
                new org.apache.hadoop.fs.Path(forms.get("store") + "/versions/*/" + SystemStore.MARKER);
        FileSystem fs = markers.getFileSystem(session.sparkContext().hadoopConfiguration());
        List<Long> committed = Stream.of(fs.globStatus(markers))
                .map(s -> s.getPath().getParent().getName())
                .filter(name -> name.matches("[0-9]+"))
                .map(Long::valueOf)
                .sorted()
                .toList();
        session.createDataset(committed, Encoders.LONG()).toDF("version").createOrReplaceTempView("committed_versions");
    }

    private static List<Row> run(SparkSession session, ZeppelinNote.Paragraph paragraph, Map<String, String> values) {
        Dataset<Row> last = null;
        for (String statement : paragraph.statements(values)) {
            last = session.sql(statement);
        }
        List<Row> rows = last.collectAsList();
        if (paragraph.graph() != null) {
            List<String> columns = List.of(last.columns());
            paragraph
                    .chartColumns()
                    .forEach((index, name) -> assertEquals(
                            name, columns.get(index), "chart column " + index + " of '" + paragraph.title() + "'"));
        }
        return rows;
    }

    private static List<Row> rows(String note, String title) {
        List<Row> rows = RESULTS.get(note + ": " + title);
        assertTrue(rows != null, "no SQL paragraph '" + title + "' in note " + note + "; ran " + RESULTS.keySet());
        return rows;
    }

    private static Map<String, Row> byTask(List<Row> rows) {
        return rows.stream().collect(Collectors.toMap(r -> r.getAs("task"), Function.identity()));
    }

    private static long params(String... keys) {
        return Stream.of(keys).mapToLong(NotebookStore::params).sum();
    }

    @Test
    void notesAreSqlAfterTheStoreParagraphAndShareOneStoreForm() {
        assertEquals(java.util.Set.of("system-overview", "evolution-history", "method-comparison"), NOTES.keySet());
        for (ZeppelinNote note : NOTES.values()) {
            // the comparison reads bench compare's Parquet alone: no store, so no marker listing
            List<String> opening = note.name().equals("method-comparison")
                    ? List.of("%md", "%spark.sql")
                    : List.of("%md", "%spark", "%spark.sql");
            assertEquals(
                    opening,
                    note.paragraphs().subList(0, opening.size()).stream()
                            .map(ZeppelinNote.Paragraph::interpreter)
                            .toList(),
                    note.name() + " introduces itself, then sets the store and registers its views");
            for (ZeppelinNote.Paragraph paragraph :
                    note.paragraphs().subList(opening.size(), note.paragraphs().size())) {
                assertTrue(List.of("%spark.sql", "%md").contains(paragraph.interpreter()), paragraph.title());
            }
            // Zeppelin splits a paragraph into statements itself: keep quotes and semicolons out of comments
            note.paragraphs().stream()
                    .filter(p -> p.interpreter().equals("%spark.sql"))
                    .flatMap(p -> p.body().lines())
                    .filter(line -> line.strip().startsWith("--"))
                    .forEach(line -> assertTrue(!line.contains(";") && !line.contains("'"), line));
            Map<String, List<String>> defaults = note.paragraphs().stream()
                    .flatMap(p -> p.forms().stream())
                    .collect(Collectors.groupingBy(
                            Map.Entry::getKey, Collectors.mapping(Map.Entry::getValue, Collectors.toList())));
            defaults.forEach((form, values) -> assertEquals(
                    1,
                    values.stream().distinct().count(),
                    "form " + form + " of " + note.name() + " has one default everywhere: " + values));
            assertEquals(
                    note.name().equals("method-comparison") ? null : List.of(STORE_DEFAULT),
                    defaults.containsKey("store")
                            ? defaults.get("store").stream().distinct().toList()
                            : null,
                    note.name());
        }
    }

    /**
     * Why the notes list the commit markers in Scala: Spark's file sources drop names starting with
     * '_' even when given explicitly (until Spark 4.3's ignoredPathSegmentRegex), so SQL cannot read them.
     */
    @Test
    void sparkSqlCannotReadTheCommitMarkers() {
        Exception refused = org.junit.jupiter.api.Assertions.assertThrows(
                Exception.class,
                () -> spark.sql("SELECT * FROM json.`" + forms.get("store") + "/versions/*/" + SystemStore.MARKER + "`")
                        .collectAsList());
        // Spark lists no file at all, so it has nothing to infer a schema from
        assertTrue(refused.getMessage().contains("UNABLE_TO_INFER_SCHEMA"), refused.getMessage());
    }

    @Test
    void architectureNamesTheCreatorOfEveryLayer() {
        Map<String, Row> cells =
                rows("system-overview", "Architecture: which task created each layer of each path").stream()
                        .collect(Collectors.toMap(r -> r.getAs("task") + "/" + r.getAs("layer"), Function.identity()));
        assertEquals(4 * NotebookStore.NAMES.size(), cells.size(), "root and three tasks, every layer");
        assertEquals("digits", cells.get("bengali/encoderblock_0").getAs("created_by"));
        assertEquals(true, cells.get("bengali/encoderblock_0").getAs("reused"));
        assertEquals("root", cells.get("letters/encoderblock_0").getAs("created_by"));
        assertEquals("digits", cells.get("digits/head").getAs("created_by"));
        assertEquals(false, cells.get("digits/head").getAs("reused"));
        assertEquals(3, (int) cells.get("digits/encoderblock_0").getAs("position"));
    }

    @Test
    void parametersAccumulateInTheOrderTasksWereIntroduced() {
        List<Row> rows = rows("system-overview", "Parameters per task in the order tasks were introduced");
        assertEquals(
                List.of("root@1", "digits@1", "letters@1", "bengali@2"),
                rows.stream()
                        .map(r -> r.getAs("task") + "@" + r.<Long>getAs("introduced_in"))
                        .toList());
        long root = params(
                "root/patch_embedding",
                "root/class_token",
                "root/position_embedding",
                "root/encoderblock_0",
                "root/final_norm",
                "root/head");
        long digits = params("digits/encoderblock_0", "digits/final_norm", "digits/head");
        assertEquals(root, (long) rows.get(0).getAs("created_params"));
        assertEquals(digits, (long) rows.get(1).getAs("created_params"));
        assertEquals(root + digits, (long) rows.get(1).getAs("cumulative_pool_params"));
        long pool = rows("system-overview", "Current version").get(0).getAs("pool_params");
        assertEquals(pool, (long) rows.get(3).getAs("cumulative_pool_params"), "every component has a creator");
    }

    @Test
    void accuracyAgainstParametersAndAcrossVersions() {
        Map<String, Row> scatter = byTask(rows("system-overview", "Accuracy against accounted parameters"));
        assertEquals(0.75, scatter.get("bengali").<Double>getAs("test_quality"));
        assertEquals(
                byTask(rows("system-overview", "Leaderboard")).get("digits").<Double>getAs("accounted_params"),
                scatter.get("digits").<Double>getAs("accounted_params"),
                1e-9);
        List<String> versions = rows("system-overview", "Accuracy per task across versions").stream()
                .map(r -> r.<Long>getAs("version") + ":" + r.getAs("task") + "=" + r.getAs("test_quality"))
                .toList();
        assertEquals(
                List.of("1:digits=0.88", "1:letters=0.69", "2:bengali=0.75", "2:digits=0.88", "2:letters=0.69"),
                versions);
    }

    @Test
    void computePerTaskSumsItsCandidates() {
        Row digits = byTask(rows("evolution-history", "Compute per task")).get("digits");
        assertEquals(4L, (long) digits.getAs("candidates"));
        assertEquals(4 * 640L, (long) digits.getAs("images_trained"));
        assertEquals(4 * 3.25, digits.getAs("seconds"), 1e-12);
        assertEquals(4 * 2.0, digits.getAs("train_seconds"), 1e-12);
    }

    @Test
    void comparisonAveragesSeedsAndTasksPerVariant() {
        Map<String, Row> means = rows("method-comparison", "Means per variant").stream()
                .collect(Collectors.toMap(r -> r.getAs("variant"), Function.identity()));
        assertEquals(0.81, means.get("mu2net").<Double>getAs("mean_test_accuracy"), 1e-12);
        assertEquals(400.0, means.get("mu2net").<Double>getAs("mean_accounted_params"), 1e-12);
        assertEquals(2L, (long) means.get("mu2net").getAs("seeds"));
        assertEquals(2L, (long) means.get("finetune-all").getAs("tasks"));
        assertEquals("12800", means.get("finetune-all").getAs("budget"));
        assertEquals(0.71, means.get("finetune-all").<Double>getAs("mean_test_accuracy"), 1e-12);
        Map<String, Row> plane = rows("method-comparison", "Accuracy/parameters plane").stream()
                .collect(Collectors.toMap(r -> r.getAs("variant"), Function.identity()));
        assertEquals(4000.0, plane.get("finetune-all").<Double>getAs("mean_accounted_params"), 1e-12);
        assertEquals(
                4,
                rows("method-comparison", "Test accuracy per task and variant").size());
    }

    @Test
    void overviewShowsTheHighestCommittedVersion() {
        Row current = rows("system-overview", "Current version").get(0);
        assertEquals(2L, (long) current.getAs("current_version"), "version 3 has no marker");
        assertEquals(2L, (long) current.getAs("committed_versions"));
        assertEquals(3L, (long) current.getAs("tasks_with_paths"));
        assertEquals(13L, (long) current.getAs("components"));
        assertEquals(
                params(
                        "root/patch_embedding",
                        "root/class_token",
                        "root/position_embedding",
                        "root/encoderblock_0",
                        "root/final_norm",
                        "root/head"),
                (long) current.getAs("root_params"));
    }

    @Test
    void leaderboardHasEveryTaskWithItsAccuracyAndRescoredSize() {
        List<Row> rows = rows("system-overview", "Leaderboard");
        assertEquals(3, rows.size());
        Map<String, Row> tasks = byTask(rows);
        Row digits = tasks.get("digits");
        assertEquals(0.9, digits.getAs("validation_quality"));
        assertEquals(0.88, digits.getAs("test_quality"));
        assertEquals(0.75, tasks.get("bengali").<Double>getAs("test_quality"));
        assertEquals(true, tasks.get("bengali").getAs("private"));
        // digits' embeddings are shared by three tasks, its encoder block with bengali
        double accounted = params("root/patch_embedding", "root/class_token", "root/position_embedding") / 3.0
                + params("digits/encoderblock_0") / 2.0
                + params("digits/final_norm", "digits/head");
        assertEquals(accounted, digits.getAs("accounted_params"), 1e-9);
        assertEquals(params("digits/final_norm", "digits/head"), (long) digits.getAs("trainable_params"));
        double rootParams = ((Long) digits.getAs("root_params")).doubleValue();
        assertEquals(0.9 * Math.pow(BASE, accounted / rootParams), digits.getAs("score"), 1e-12);
        List<Double> scores = rows.stream().map(r -> r.<Double>getAs("score")).toList();
        assertEquals(scores.stream().sorted((a, b) -> Double.compare(b, a)).toList(), scores, "best first");
    }

    @Test
    void overviewSplitsParametersAndSharingByTask() {
        Row digits = byTask(rows("system-overview", "Parameters per task: own and shared"))
                .get("digits");
        long shared =
                params("root/patch_embedding", "root/class_token", "root/position_embedding", "digits/encoderblock_0");
        long own = params("digits/final_norm", "digits/head");
        assertEquals(shared, (long) digits.getAs("shared_params"));
        assertEquals(own, (long) digits.getAs("own_params"));
        assertEquals(shared / (double) (shared + own), digits.getAs("shared_fraction"), 1e-12);

        Map<String, Long> pairs = rows("system-overview", "Which tasks share components with which").stream()
                .collect(Collectors.toMap(
                        r -> r.getAs("task") + "~" + r.getAs("shares_with"), r -> r.getAs("shared_components")));
        assertEquals(
                Map.of("digits~bengali", 4L, "digits~letters", 3L, "letters~root", 4L, "bengali~root", 3L),
                Map.of(
                        "digits~bengali",
                        pairs.get("digits~bengali"),
                        "digits~letters",
                        pairs.get("digits~letters"),
                        "letters~root",
                        pairs.get("letters~root"),
                        "bengali~root",
                        pairs.get("bengali~root")));
        assertEquals(pairs.get("bengali~digits"), pairs.get("digits~bengali"), "symmetric");

        List<Row> pool = rows("system-overview", "Component pool by kind and number of owners");
        assertEquals(13L, pool.stream().mapToLong(r -> r.getAs("components")).sum());
        Row patch = pool.stream()
                .filter(r -> r.getAs("kind").equals("PATCH_EMBEDDING"))
                .findFirst()
                .orElseThrow();
        assertEquals(3, (int) patch.getAs("task_owners"));
        assertEquals(true, patch.getAs("root_owned"));
    }

    @Test
    void growthHasOneRowPerCommittedVersion() {
        List<Row> rows = rows("system-overview", "Growth across committed versions");
        assertEquals(
                List.of(1L, 2L),
                rows.stream().map(r -> r.<Long>getAs("version")).toList());
        assertEquals(
                List.of(2L, 3L),
                rows.stream().map(r -> r.<Long>getAs("tasks_with_paths")).toList());
        assertEquals(
                List.of(3L, 3L),
                rows.stream().map(r -> r.<Long>getAs("registered_tasks")).toList());
        assertTrue(rows.get(1).<Long>getAs("pool_params") > rows.get(0).<Long>getAs("pool_params"));
    }

    @Test
    void historyShowsScoresImprovementsAndMutations() {
        List<Row> best = rows("evolution-history", "Best score by generation").stream()
                .filter(r -> r.getAs("task").equals("digits"))
                .toList();
        assertEquals(
                List.of(0, 1),
                best.stream().map(r -> r.<Integer>getAs("generation")).toList());
        assertEquals(0.8 * NotebookStore.SCORE_FACTOR, best.get(0).<Double>getAs("best_so_far"), 1e-12);
        assertEquals(0.9 * NotebookStore.SCORE_FACTOR, best.get(1).<Double>getAs("best_so_far"), 1e-12);
        assertEquals("digits pass 1", best.get(0).getAs("run"));

        Map<String, Row> improved = byTask(rows("evolution-history", "Fraction of candidates improved"));
        assertEquals(0.5, improved.get("digits").getAs("improved_fraction"));
        assertEquals(1.0, improved.get("bengali").getAs("improved_fraction"));
        assertEquals(4L, (long) improved.get("digits").getAs("candidates"));

        Map<String, Row> kinds = rows("evolution-history", "Mutations: improved candidates vs all").stream()
                .collect(Collectors.toMap(r -> r.getAs("kind"), Function.identity()));
        assertEquals(
                Map.of("opt_lr", 3L, "adapter+", 2L, "mu", 1L, "(none)", 2L),
                kinds.values().stream().collect(Collectors.toMap(r -> r.getAs("kind"), r -> r.<Long>getAs("in_all"))));
        assertEquals(2L, (long) kinds.get("opt_lr").getAs("in_improved"));
        assertEquals(0L, (long) kinds.get("mu").getAs("in_improved"));
        assertEquals(2 / 4.0, kinds.get("adapter+").getAs("share_of_improved"));
        assertEquals(2 / 7.0, kinds.get("adapter+").<Double>getAs("share_of_all"), 1e-12);
    }

    @Test
    void historyClassifiesParentsAndTimesCandidates() {
        Map<String, Long> origins =
                rows("evolution-history", "Parents chosen: own population, other tasks, root").stream()
                        .collect(Collectors.toMap(
                                r -> r.getAs("task") + "/" + r.getAs("parent_origin"), r -> r.getAs("candidates")));
        assertEquals(
                Map.of(
                        "digits/root",
                        2L,
                        "digits/own population",
                        1L,
                        "digits/other task",
                        1L,
                        "letters/root",
                        1L,
                        "letters/other task",
                        1L,
                        "bengali/other task",
                        1L),
                origins);
        Map<String, Long> transfer =
                rows("evolution-history", "Knowledge transfer: whose paths the parents were").stream()
                        .collect(Collectors.toMap(
                                r -> r.getAs("task") + "<" + r.getAs("parent_task"), r -> r.getAs("candidates")));
        assertEquals(
                Map.of(
                        "bengali<digits",
                        1L,
                        "digits<letters",
                        1L,
                        "letters<digits",
                        1L,
                        "digits<root",
                        2L,
                        "letters<root",
                        1L),
                transfer);

        for (Row row : rows("evolution-history", "Seconds per candidate and images per second")) {
            assertEquals(3.25, row.getAs("seconds_per_candidate"), 1e-12);
            assertEquals(640 / 2.0, row.getAs("train_images_per_second"), 1e-12);
        }
        Map<String, Long> phases = rows("evolution-history", "Time per phase and executor").stream()
                .filter(r -> r.getAs("executor").equals("executor-0"))
                .collect(Collectors.toMap(r -> r.getAs("phase"), r -> r.getAs("candidates")));
        assertEquals(Map.of("load", 4L, "train", 4L, "validate", 4L, "write", 4L), phases);
    }

    @Test
    void lineageWalksParentsBackToTheRoot() {
        List<String> bengali = rows("evolution-history", "Lineage").stream()
                .filter(r -> r.getAs("lineage_of").equals("bengali-v1-p1-g0-c0"))
                .map(r -> r.<String>getAs("ancestor"))
                .toList();
        assertEquals(List.of("bengali-v1-p1-g0-c0", "digits-v0-p1-g1-c0", "digits-v0-p1-g0-c0", "root-0"), bengali);

        Map<String, String> chosen = new HashMap<>(forms);
        chosen.put("candidate", "digits-v0-p1-g1-c1");
        List<Row> rows = run(
                SESSIONS.get("evolution-history"),
                NOTES.get("evolution-history").paragraph("Lineage"),
                chosen);
        assertEquals(
                List.of("digits-v0-p1-g1-c1", "letters-v0-p1-g0-c1", "root-0"),
                rows.stream().map(r -> r.<String>getAs("ancestor")).toList());
        assertEquals(
                List.of("digits", "letters", "root"),
                rows.stream().map(r -> r.<String>getAs("task")).toList());
    }
}
