package munet.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import munet.jobs.PredictionsFile;
import munet.jobs.TinyRun;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The commands around a pretrained root, on the independently written vit-tiny fixture: import
 * from either layout, predict (a Spark job) reproducing torchvision's logits, predict of several
 * tasks from a dataset folder, export and re-import, and bad input leaving no store.
 */
class PretrainedRootTest {
    @TempDir
    static Path dir;

    private static TinyRun run;
    private static Path config;
    private static Path fixture;

    /** A store imported from the timm file, with task t-a evolved on it (adapters off: export needs none). */
    @BeforeAll
    static void importAndEvolve() throws Exception {
        fixture = Path.of(PretrainedRootTest.class
                        .getResource("/vit-tiny/config.json")
                        .toURI())
                .getParent();
        run = new TinyRun(dir);
        run.generateData();
        config = run.config("pretrained.conf", List.of("t-a"), """
        munet.model.image-size = 24
        munet.hparams.ds_image_size { default = 24, allowed = [16, 24] }
        munet.evolution.adapters = false
        """);
        TinyRun.Result init = TinyRun.munet(
                "init",
                "--config",
                config.toString(),
                "--from",
                fixture.resolve("model.safetensors").toString());
        assertEquals(0, init.exitCode(), init.err());
        assertTrue(init.out().contains("ViT width 48, MLP 96, 2 blocks, 4 heads, patch 4, image 24"), init.out());
        TinyRun.Result evolve = TinyRun.munet("evolve", "--config", config.toString());
        assertEquals(0, evolve.exitCode(), evolve.err());
    }

    @Test
    void predictWithTheRootReproducesTorchvisionsLogitsFromBothLayouts() throws Exception {
        assertRootReproducesFixture(run.store());
        Path npzStore = dir.resolve("npz-store");
        TinyRun.Result init = TinyRun.munet(
                "init",
                "--config",
                config.toString(),
                "--store",
                npzStore.toString(),
                "--from",
                fixture.resolve("vit_jax.npz").toString());
        assertEquals(0, init.exitCode(), init.err());
        assertRootReproducesFixture(npzStore);
    }

    @Test
    void predictScoresEveryImageOfADatasetWithSeveralTasks() throws Exception {
        Path out = dir.resolve("dataset-predictions");
        TinyRun.Result predict = TinyRun.munet(
                "predict",
                "--config",
                config.toString(),
                "--task",
                "t-a,root",
                "--top-k",
                "2",
                "--input",
                run.dataset("t-a").toString(),
                "--output",
                out.toString());
        assertEquals(0, predict.exitCode(), predict.err());
        List<PredictionsFile> rows = PredictionsFile.read(out);
        int images = 3 * (20 + 4 + 4); // 3 classes, every split
        assertEquals(2 * images, rows.size());
        assertTrue(predict.out().contains("predicted " + images + " images with 2 task(s)"), predict.out());
        Map<String, List<PredictionsFile>> byTask = rows.stream().collect(Collectors.groupingBy(PredictionsFile::task));
        assertEquals(images, byTask.get("t-a").size());
        assertEquals(
                images,
                byTask.get("root").stream()
                        .map(PredictionsFile::image)
                        .distinct()
                        .count());
        for (PredictionsFile row : byTask.get("t-a")) {
            assertEquals("012".substring(row.label(), row.label() + 1), row.labelName());
            assertEquals(row.label(), row.topK().get(0));
            assertEquals(2, row.topK().size());
            assertTrue(row.score() >= 1.0 / 3 && row.score() <= 1, "score " + row.score());
            assertNull(row.logits());
        }
        assertNull(byTask.get("root").get(0).labelName());
        assertTrue(
                byTask.get("t-a").stream()
                        .allMatch(r -> r.image().startsWith("train/")
                                || r.image().startsWith("test/")
                                || r.image().startsWith("validation/")),
                byTask.get("t-a").get(0).image());
    }

    @Test
    void anExportedTaskImportedAsARootPredictsWhatTheTaskPredicts() throws Exception {
        Path exported = dir.resolve("export-t-a");
        TinyRun.Result export = TinyRun.munet(
                "export", "--config", config.toString(), "--task", "t-a", "--output", exported.toString());
        assertEquals(0, export.exitCode(), export.err());
        String labels = Files.readString(exported.resolve("config.json"));
        assertTrue(labels.contains("\"label_names\": [\n    \"0\",\n    \"1\",\n    \"2\"\n  ]"), labels);

        Path reimported = dir.resolve("reimported-store");
        TinyRun.Result init = TinyRun.munet(
                "init",
                "--config",
                config.toString(),
                "--store",
                reimported.toString(),
                "--from",
                exported.resolve("model.safetensors").toString());
        assertEquals(0, init.exitCode(), init.err());
        Map<String, float[]> task = logits(run.store(), "t-a", "task");
        Map<String, float[]> root = logits(reimported, "root", "reimported");
        assertEquals(task.keySet(), root.keySet());
        double max = 0;
        for (String image : task.keySet()) {
            for (int i = 0; i < task.get(image).length; i++) {
                max = Math.max(max, Math.abs(task.get(image)[i] - root.get(image)[i]));
            }
        }
        assertTrue(max < 1e-5, "the re-imported export differs from the task by " + max);
    }

    @Test
    void aBadCheckpointLeavesNoStore() throws Exception {
        Path cut = dir.resolve("cut").resolve("model.safetensors");
        Files.createDirectories(cut.getParent());
        byte[] bytes = Files.readAllBytes(fixture.resolve("model.safetensors"));
        Files.write(cut, Arrays.copyOf(bytes, bytes.length / 2));
        Files.copy(fixture.resolve("config.json"), cut.resolveSibling("config.json"));
        Path store = dir.resolve("never-created");
        TinyRun.Result result = TinyRun.munet(
                "init", "--config", config.toString(), "--store", store.toString(), "--from", cut.toString());
        assertEquals(2, result.exitCode());
        assertEquals(1, result.errorLines().size(), result.err());
        assertTrue(
                result.errorLines().get(0).contains(cut.toString())
                        && result.errorLines().get(0).contains("truncated"),
                result.err());
        assertFalse(Files.exists(store));
    }

    @Test
    void predictingAnUnknownTaskChangesNothing() throws Exception {
        Map<String, String> before = TinyRun.fileHashes(run.store());
        Path out = dir.resolve("never-written");
        TinyRun.Result result = TinyRun.munet(
                "predict",
                "--config",
                config.toString(),
                "--task",
                "t-z",
                "--input",
                fixture.resolve("images").toString(),
                "--output",
                out.toString());
        assertEquals(2, result.exitCode());
        assertTrue(result.errorLines().get(0).contains("task 't-z' has no path"), result.err());
        assertEquals(before, TinyRun.fileHashes(run.store()));
        assertFalse(Files.exists(out));
    }

    private void assertRootReproducesFixture(Path store) throws IOException {
        Map<String, float[]> predicted =
                logits(store, "root", store.getFileName().toString());
        Map<String, float[]> expected = new HashMap<>();
        for (JsonElement row : JsonParser.parseString(Files.readString(fixture.resolve("logits.json")))
                .getAsJsonObject()
                .getAsJsonArray("rows")) {
            var values = row.getAsJsonObject().getAsJsonArray("logits");
            float[] logits = new float[values.size()];
            for (int i = 0; i < logits.length; i++) {
                logits[i] = values.get(i).getAsFloat();
            }
            expected.put(row.getAsJsonObject().get("image").getAsString(), logits);
        }
        assertEquals(expected.keySet(), predicted.keySet());
        double max = 0;
        for (String image : expected.keySet()) {
            for (int i = 0; i < expected.get(image).length; i++) {
                max = Math.max(max, Math.abs(expected.get(image)[i] - predicted.get(image)[i]));
            }
        }
        System.out.printf(
                "%s: predict --task root --logits differs from torchvision's logits by at most %.2e%n", store, max);
        assertTrue(max < 1e-4, store + ": logits differ from torchvision's by " + max);
    }

    /** {@code predict --task <task> --logits} on the fixture images, by image file name. */
    private Map<String, float[]> logits(Path store, String task, String name) throws IOException {
        Path out = dir.resolve("logits-" + name + "-" + task);
        TinyRun.Result predict = TinyRun.munet(
                "predict",
                "--config",
                config.toString(),
                "--store",
                store.toString(),
                "--task",
                task,
                "--logits",
                "--input",
                fixture.resolve("images").toString(),
                "--output",
                out.toString());
        assertEquals(0, predict.exitCode(), predict.err());
        return PredictionsFile.read(out).stream()
                .collect(Collectors.toMap(PredictionsFile::image, PredictionsFile::logits));
    }
}
