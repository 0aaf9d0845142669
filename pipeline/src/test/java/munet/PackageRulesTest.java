package munet;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The dependency rules of docs/architecture.md, over the library's sources (imports and fully
 * qualified names alike, comments aside): the evolutionary
 * algorithm and its values stay free of Spark and DJL, the model and the trainer free of Spark,
 * and nothing in the library reaches into the jobs module.
 */
class PackageRulesTest {
    private static final Path SOURCES = Path.of("src/main/java/munet");

    @Test
    void systemEvolutionConfigAndReportImportNeitherSparkNorDjl() throws IOException {
        for (String pkg : List.of("system", "evolution", "config", "report")) {
            assertEquals(List.of(), importsOf(pkg, "org.apache.spark", "ai.djl"), "munet." + pkg);
        }
    }

    @Test
    void modelTrainCheckpointAndInferenceDoNotImportSpark() throws IOException {
        for (String pkg : List.of("model", "train", "checkpoint", "inference")) {
            assertEquals(List.of(), importsOf(pkg, "org.apache.spark"), "munet." + pkg);
        }
    }

    @Test
    void theLibraryNeverImportsTheJobs() throws IOException {
        assertEquals(List.of(), importsOf("", "munet.jobs"));
    }

    /** "file: line" for every line of code under {@code munet/<pkg>} naming a package in {@code forbidden}. */
    private static List<String> importsOf(String pkg, String... forbidden) throws IOException {
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(SOURCES.resolve(pkg))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                for (String line : Files.readAllLines(file)) {
                    String code = line.strip();
                    boolean comment = code.startsWith("*") || code.startsWith("/*") || code.startsWith("//");
                    if (!comment && Stream.of(forbidden).anyMatch(f -> code.contains(f + "."))) {
                        found.add(SOURCES.relativize(file) + ": " + line);
                    }
                }
            }
        }
        return found;
    }
}
