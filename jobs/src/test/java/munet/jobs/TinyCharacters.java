package munet.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import munet.jobs.cli.Main;

/**
 * The smallest real evolve run: two rendered character tasks (4 and 5 classes, 16x16 images,
 * 20 training images per class) and a ViT of width 16 with one encoder block, a random root,
 * two candidates per generation and a few SGD steps each.
 */
public final class TinyCharacters {

    public static final List<String> TASKS = List.of("digits", "letters");

    private TinyCharacters() {}

    /** Renders the datasets into {@code dir/data} with the product's own generate-benchmark. */
    public static void generate(Path dir) throws IOException {
        Path config = config(dir, "data-config.conf", TASKS, 2);
        assertEquals(
                0,
                Main.run(
                        Main.subcommands(),
                        new String[] {
                            "generate-benchmark",
                            "--config",
                            config.toString(),
                            "--output",
                            dir.resolve("data").toString(),
                            "--tasks",
                            String.join(",", TASKS)
                        },
                        quiet(),
                        System.err));
    }

    /** A run configuration evolving {@code tasks} with {@code generations} generations each. */
    public static Path config(Path dir, String name, List<String> tasks, int generations) throws IOException {
        String taskList = tasks.stream()
                .map(t -> "{ name = " + t + ", dataset = \""
                        + dir.resolve("data").resolve(t).toAbsolutePath() + "\" }")
                .collect(Collectors.joining("\n    "));
        return Files.writeString(dir.resolve(name), """
        munet {
          run { seed = 3, task-iterations = 1 }
          tasks = [
            %s
          ]
          init { root = random }
          model { hidden-size = 16, mlp-dim = 32, heads = 2, patch-size = 4, root-layers = 1, image-size = 16 }
          evolution { samples-per-task = %d, candidates-per-generation = 2 }
          training { batch-size = 8, batches-between-validations = 3, validations-per-training = 2, max-validation-examples = 32 }
          hparams { ds_image_size { default = 16, allowed = [16] } }
          data.benchmark {
            task-defaults { image-size = 16, examples-per-class { train = 20, validation = 5, test = 5 } }
            tasks { digits { characters = "0123" }, letters { characters = "ABCDE" } }
          }
        }
        """.formatted(taskList, 2 * generations));
    }

    private static PrintStream quiet() {
        return new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    }
}
