package munet.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import munet.jobs.cli.Main;
import munet.store.SystemStore;
import munet.system.SystemState;
import org.apache.hadoop.conf.Configuration;

/**
 * The smallest real run of the product: characters tasks of 3-4 classes rendered at 16x16 by the
 * benchmark generator, a random-root ViT of width 16, two candidates per generation, two
 * generations per task, a few batches per candidate. Configurations are HOCON files in the
 * test's folder; subcommands run in this JVM through {@link Main#run}.
 */
public final class TinyRun {
    /** Every task the fixture can render: name to its characters. */
    static final Map<String, String> TASKS = Map.of("t-a", "012", "t-b", "ABCD", "t-c", "xyz");

    private final Path dir;

    public TinyRun(Path dir) {
        this.dir = dir;
    }

    public Path store() {
        return dir.resolve("store");
    }

    public Path dataset(String task) {
        return dir.resolve("data").resolve(task);
    }

    /** Renders every fixture task into {@code <dir>/data}. */
    public void generateData() {
        Path conf = config("data.conf", List.of(), "");
        Result generated = munet(
                "generate-benchmark",
                "--config",
                conf.toString(),
                "--output",
                dir.resolve("data").toString(),
                "--tasks",
                String.join(",", new TreeMap<>(TASKS).keySet()));
        assertEquals(0, generated.exitCode(), generated.err());
    }

    /** A config file of {@code tasks} (each on its own dataset) with {@code extra} HOCON appended. */
    public Path config(String name, List<String> tasks, String extra) {
        String taskList = tasks.stream()
                .map(t -> "{ name = " + t + ", dataset = \"" + dataset(t) + "\" }")
                .collect(Collectors.joining("\n    "));
        String benchmarkTasks = new TreeMap<>(TASKS)
                .entrySet().stream()
                        .map(e -> e.getKey() + " { characters = \"" + e.getValue() + "\" }")
                        .collect(Collectors.joining("\n      "));
        String text = """
        munet {
          store.uri = "%s"
          run { seed = 7, task-iterations = 1 }
          tasks = [
            %s
          ]
          init { root = random, root-classes = 3 }
          model { hidden-size = 16, mlp-dim = 32, heads = 2, patch-size = 4, root-layers = 1, image-size = 16 }
          evolution { samples-per-task = 4, candidates-per-generation = 2 }
          training { batch-size = 8, batches-between-validations = 3, validations-per-training = 1,
                     max-validation-examples = 32, eval-batch-size = 32, threads = 1 }
          hparams {
            ds_image_size { default = 16, allowed = [16] }
            num_layers { default = 1, allowed = [1, 2] }
          }
          data.benchmark {
            task-defaults { image-size = 16, examples-per-class { train = 20, validation = 4, test = 4 } }
            tasks {
              %s
            }
          }
        }
        """.formatted(store(), taskList, benchmarkTasks) + extra;
        try {
            return Files.writeString(dir.resolve(name), text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What a subcommand run printed and returned. {@code err} holds only Main's own report lines. */
    public record Result(int exitCode, String out, String err) {
        /** The error lines, without the hint to rerun with --verbose. */
        public List<String> errorLines() {
            return err.lines()
                    .filter(l -> !l.contains("rerun with " + Main.VERBOSE))
                    .toList();
        }
    }

    /** Runs {@code munet <args>} in this JVM, capturing what it prints on stdout. */
    public static synchronized Result munet(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream stdout = System.out;
        PrintStream captured = new PrintStream(out, true, StandardCharsets.UTF_8);
        System.setOut(captured);
        try {
            int code = Main.run(Main.subcommands(), args, captured, new PrintStream(err, true, StandardCharsets.UTF_8));
            return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(stdout);
            stdout.print(out.toString(StandardCharsets.UTF_8)); // still in the test report
        }
    }

    public static SystemState latest(Path store) throws IOException {
        return SystemStore.open(store.toUri().toString(), new Configuration())
                .loadLatest()
                .orElseThrow();
    }

    /** Every file under {@code root} (relative path) with the SHA-256 of its bytes; empty if absent. */
    public static Map<String, String> fileHashes(Path root) throws IOException {
        Map<String, String> hashes = new TreeMap<>();
        if (!Files.exists(root)) {
            return hashes;
        }
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.toList()) {
                String name = root.relativize(file).toString();
                hashes.put(name, Files.isRegularFile(file) ? sha256(Files.readAllBytes(file)) : "directory");
            }
        }
        return hashes;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
