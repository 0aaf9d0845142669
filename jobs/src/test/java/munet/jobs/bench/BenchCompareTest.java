package munet.jobs.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import munet.jobs.cli.BenchCommand;
import munet.jobs.cli.GenerateBenchmarkCommand;
import munet.jobs.cli.InitCommand;
import munet.jobs.spark.SparkSessions;
import munet.store.SystemStore;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bench compare} end to end on a tiny benchmark: real data, real root, real training, real Parquet. */
class BenchCompareTest {

    @TempDir
    Path dir;

    @Test
    void compareTabulatesEveryVariantAndTaskFromTheSameRoot() throws Exception {
        Path conf = dir.resolve("tiny.conf");
        Files.writeString(conf, """
        munet {
          store.uri = "%1$s/root"
          run { seed = 3, task-iterations = 1 }
          tasks = [ { name = first, dataset = "%1$s/data/first" }, { name = second, dataset = "%1$s/data/second" } ]
          model { hidden-size = 8, mlp-dim = 16, heads = 2, patch-size = 4, root-layers = 1, image-size = 8 }
          evolution { samples-per-task = 2, candidates-per-generation = 2 }
          training { batch-size = 8, batches-between-validations = 2, validations-per-training = 1, max-validation-examples = 16 }
          hparams { ds_image_size { default = 8, allowed = [8] }, num_layers { default = 1, allowed = [1, 2] } }
          data.benchmark {
            task-defaults { image-size = 12, examples-per-class { train = 6, validation = 3, test = 3 } }
            tasks { first { characters = "0123" }, second { characters = "ABCD" } }
          }
        }
        """.formatted(dir.toString()));
        String config = conf.toString();
        assertEquals(
                0,
                new GenerateBenchmarkCommand()
                        .run(List.of(
                                "--config",
                                config,
                                "--output",
                                dir.resolve("data").toString(),
                                "--tasks",
                                "first,second")));
        assertEquals(0, new InitCommand().run(List.of("--config", config)));

        Path output = dir.resolve("bench");
        assertEquals(
                0,
                new BenchCommand()
                        .run(List.of(
                                "compare",
                                "--config",
                                config,
                                "--output",
                                output.toString(),
                                "--variants",
                                "mu2net,finetune-all")));

        List<Row> rows;
        try (SparkSession session = SparkSessions.start("BenchCompareTest", Map.of("spark.ui.enabled", "false"))) {
            rows = session.read()
                    .parquet(output.resolve("compare.parquet").toString())
                    .collectAsList();
        }
        assertEquals(
                List.of("mu2net/first", "mu2net/second", "finetune-all/first", "finetune-all/second"),
                rows.stream()
                        .map(r -> r.getAs("variant") + "/" + r.getAs("task"))
                        .toList(),
                "one row per (variant, task), in run order");
        for (Row row : rows) {
            double accuracy = row.<Double>getAs("test_accuracy");
            assertTrue(accuracy >= 0 && accuracy <= 1, "test accuracy " + accuracy);
            assertTrue(row.<Long>getAs("new_params") > 0 && row.<Long>getAs("images_trained") > 0, row.toString());
            assertTrue(row.<Double>getAs("accounted_params") <= row.<Long>getAs("path_params"), row.toString());
        }
        Map<String, Long> images = rows.stream()
                .collect(Collectors.groupingBy(
                        r -> r.<String>getAs("task"),
                        Collectors.mapping(r -> r.<Long>getAs("images_trained"), Collectors.reducing(0L, Long::sum))));
        for (Row row : rows) {
            assertEquals(
                    images.get(row.<String>getAs("task")) / 2,
                    row.<Long>getAs("images_trained"),
                    "every variant trains a task on the same number of images");
            List<String> reuses = row.getList(row.fieldIndex("reuses_from"));
            assertTrue(
                    row.<Double>getAs("lineage_depth") >= 1
                            && row.<Long>getAs("lineage_images") > 0
                            && row.<Long>getAs("lineage_images") <= row.<Long>getAs("images_trained"),
                    "a new task's path has a lineage: " + row);
            if (row.getAs("variant").equals("finetune-all")) {
                assertEquals(1.0, row.<Double>getAs("lineage_depth"), "a baseline is one candidate");
                assertEquals(row.<Long>getAs("images_trained"), row.<Long>getAs("lineage_images"));
                assertTrue(
                        Double.isNaN(row.<Double>getAs("improved_share")),
                        "a baseline's candidate has no parent of its task to beat");
                assertEquals(
                        row.<Double>getAs("trainable_components_per_candidate"),
                        row.<Double>getAs("cloned_components_per_candidate") + 1,
                        "finetune-all clones every root component and starts one fresh head");
                assertEquals(
                        row.<Long>getAs("path_params"),
                        row.<Long>getAs("new_params"),
                        "finetune-all owns its whole path");
                assertEquals(row.<Long>getAs("path_params"), row.<Long>getAs("trainable_params"));
                assertTrue(reuses.isEmpty(), "finetune-all shares nothing: " + reuses);
            } else {
                assertFalse(reuses.isEmpty(), "mu2net reuses the root's or the first task's components");
                assertFalse(reuses.contains(row.<String>getAs("task")), "a task does not reuse from itself: " + reuses);
                assertTrue(List.of("root", "first").containsAll(reuses), "only the root and earlier tasks: " + reuses);
                assertTrue(row.<Long>getAs("new_params") < row.<Long>getAs("path_params"));
            }
        }
        SystemStore root = SystemStore.open(dir.resolve("root").toUri().toString(), new Configuration());
        for (String variant : List.of("mu2net", "finetune-all")) {
            SystemStore copy = SystemStore.open(
                    output.resolve("stores")
                            .resolve("seed-3-r2022")
                            .resolve(variant)
                            .toUri()
                            .toString(),
                    new Configuration());
            assertEquals(root.load(1), copy.load(1), variant + " starts from the root's version 1");
        }
        String markdown = Files.readString(output.resolve("compare.md"));
        assertTrue(
                markdown.contains("| 3/2022 | mu2net | second |")
                        && markdown.contains("Equal total images (finetune-all"),
                markdown);
    }
}
