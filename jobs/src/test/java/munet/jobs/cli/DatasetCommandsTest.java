package munet.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import munet.data.DatasetReader;
import munet.data.SplitCarve;
import munet.jobs.TinyRun;
import munet.jobs.UserError;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetCommandsTest {
    @TempDir
    Path dir;

    @Test
    void usageNamesEveryOption() {
        String imports = new ImportDatasetCommand().usage();
        for (String option : List.of(
                "--format",
                "--input",
                "--output",
                "--skip-corrupt",
                "--max-pixels",
                "--subset",
                "--config",
                "image-folder",
                "cifar10",
                "cifar100",
                "parquet")) {
            assertTrue(imports.contains(option), option);
        }
        String generate = new GenerateBenchmarkCommand().usage();
        for (String option : List.of("--output", "--tasks", "--seed", "--config")) {
            assertTrue(generate.contains(option), option);
        }
    }

    @Test
    void badArgumentsAreUserErrors() {
        ImportDatasetCommand imports = new ImportDatasetCommand();
        assertTrue(assertThrows(UserError.class, () -> imports.run(List.of("--format", "cifar10", "--output", "x")))
                .getMessage()
                .contains("missing --input"));
        assertTrue(assertThrows(
                        IllegalArgumentException.class,
                        () -> imports.run(List.of("--format", "tiff", "--input", "a", "--output", "b")))
                .getMessage()
                .contains("'tiff'"));
        assertTrue(assertThrows(
                        UserError.class,
                        () -> imports.run(List.of(
                                "--format",
                                "cifar10",
                                "--input",
                                "a",
                                "--output",
                                "b",
                                "--config",
                                dir.resolve("none.conf").toString())))
                .getMessage()
                .contains("none.conf"));
        GenerateBenchmarkCommand generate = new GenerateBenchmarkCommand();
        assertTrue(assertThrows(
                        IllegalArgumentException.class,
                        () -> generate.run(List.of("--output", dir.toString(), "--tasks", "klingon")))
                .getMessage()
                .contains("'klingon'"));
        assertTrue(assertThrows(UserError.class, () -> generate.run(List.of("--outptu", "x")))
                .getMessage()
                .contains("--outptu"));
    }

    @Test
    void generateThenImportAFolderWithSkippedCorruptImages() throws Exception {
        Path conf = dir.resolve("small.conf");
        Files.writeString(conf, """
        munet.data.benchmark.task-defaults.examples-per-class { train = 2, validation = 1, test = 1 }
        munet.data.benchmark.tasks.binary-digits { characters = "01" }
        """);
        Path out = dir.resolve("bench");
        assertEquals(
                0,
                new GenerateBenchmarkCommand()
                        .run(List.of(
                                "--output",
                                out.toString(),
                                "--tasks",
                                "binary-digits,latin-digits",
                                "--seed",
                                "5",
                                "--config",
                                conf.toString())));
        DatasetReader digits = DatasetReader.open(
                out.resolve("binary-digits").toString(), new Configuration(), new SplitCarve(0.1, 0.1, 1));
        assertEquals(List.of("0", "1"), digits.metadata().classNames());
        assertTrue(Files.isDirectory(out.resolve("latin-digits/test")));

        Path folder = dir.resolve("folder");
        for (String c : List.of("a", "b")) {
            for (int i = 0; i < 10; i++) {
                Files.createDirectories(folder.resolve(c));
                Files.copy(firstPng(out), folder.resolve(c + "/" + i + ".png"));
            }
        }
        Files.writeString(folder.resolve("a/broken.png"), "garbage");
        TinyRun.Result skipping = TinyRun.munet(
                "import-dataset",
                "--format",
                "image-folder",
                "--input",
                folder.toString(),
                "--output",
                dir.resolve("imported").toString(),
                "--skip-corrupt");
        assertEquals(0, skipping.exitCode(), skipping.err());
        assertTrue(skipping.out().contains("skipped 1 corrupt images"), skipping.out());
        DatasetReader imported = DatasetReader.open(
                dir.resolve("imported").toString(), new Configuration(), new SplitCarve(0.1, 0.1, 1));
        List<String> rows = new java.util.ArrayList<>();
        for (String split : List.of("train", "validation", "test")) {
            imported.forEach(split, (row, origin) -> rows.add(row.path()));
        }
        assertEquals(20, rows.size(), "every good image, once: " + rows);
        assertTrue(rows.stream().noneMatch(path -> path.contains("broken")), rows.toString());
        assertFalse(Files.exists(dir.resolve("bad")));
        Exception e = assertThrows(
                Exception.class,
                () -> new ImportDatasetCommand()
                        .run(List.of(
                                "--format",
                                "image-folder",
                                "--input",
                                folder.toString(),
                                "--output",
                                dir.resolve("bad").toString())));
        assertTrue(e.getMessage().contains("broken.png"), e.getMessage());
        assertFalse(Files.exists(dir.resolve("bad")));
        importsOneConfigOfConvertedParquet(out);
    }

    /**
     * The two generated tasks laid out as Hugging Face's converted Parquet, one configuration each
     * ({@code <config>/<split>/*.parquet}, validation named {@code valid}): import asks which.
     */
    private void importsOneConfigOfConvertedParquet(Path bench) throws Exception {
        Path hf = dir.resolve("hf");
        for (String task : List.of("binary-digits", "latin-digits")) {
            Path config = Files.createDirectories(hf.resolve(task.replace("-digits", "")));
            Files.copy(bench.resolve(task + "/dataset.json"), config.resolve("dataset.json"));
            for (String split : List.of("train", "validation", "test")) {
                Path to = Files.createDirectories(config.resolve(split.equals("validation") ? "valid" : split));
                try (var files = Files.list(bench.resolve(task + "/" + split))) {
                    for (Path file :
                            files.filter(f -> f.toString().endsWith(".parquet")).toList()) {
                        Files.copy(file, to.resolve("0000.parquet"));
                    }
                }
            }
        }
        List<String> args = List.of("--format", "parquet", "--input", hf.toString(), "--output");
        Exception ambiguous = assertThrows(
                Exception.class,
                () -> new ImportDatasetCommand()
                        .run(concat(args, List.of(dir.resolve("hf-out").toString()))));
        assertTrue(ambiguous.getMessage().contains("several configurations [binary, latin]"), ambiguous.getMessage());
        assertFalse(Files.exists(dir.resolve("hf-out")));
        assertEquals(
                0,
                new ImportDatasetCommand()
                        .run(concat(args, List.of(dir.resolve("hf-out").toString(), "--subset", "latin"))));
        DatasetReader latin =
                DatasetReader.open(dir.resolve("hf-out").toString(), new Configuration(), new SplitCarve(0.1, 0.1, 1));
        assertEquals(10, latin.metadata().classNames().size());
        assertEquals(null, latin.metadata().carve(), "valid/ is the validation split, nothing carved");
        assertTrue(assertThrows(
                        UserError.class,
                        () -> new ImportDatasetCommand()
                                .run(List.of("--format", "cifar10", "--input", "a", "--output", "b", "--subset", "x")))
                .getMessage()
                .contains("--subset"));
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new java.util.ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    /** A PNG rendered by the generator, extracted through the plain reader. */
    private static Path firstPng(Path bench) throws Exception {
        Path png = bench.resolveSibling("one.png");
        if (!Files.exists(png)) {
            DatasetReader reader = DatasetReader.open(
                    bench.resolve("latin-digits").toString(), new Configuration(), new SplitCarve(0.1, 0.1, 1));
            byte[][] first = new byte[1][];
            reader.forEach("test", (row, origin) -> {
                if (first[0] == null) {
                    first[0] = row.bytes();
                }
            });
            Files.write(png, first[0]);
        }
        return png;
    }
}
