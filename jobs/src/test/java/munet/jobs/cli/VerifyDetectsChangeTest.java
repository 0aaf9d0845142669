package munet.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import munet.jobs.TinyRun;
import munet.system.Component;
import munet.system.SystemState;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code evaluate --verify} shown to fail: every other test sees "identical", which a check that
 * ignored the predictions would also print. Here a committed task's test split is altered, and
 * separately one of its blobs, and the check must name what changed and exit non-zero.
 */
class VerifyDetectsChangeTest {

    @TempDir
    static Path dir;

    private static TinyRun run;
    private static Path config;

    @BeforeAll
    static void evolveTwoTasks() {
        run = new TinyRun(dir);
        run.generateData();
        config = run.config("two-tasks.conf", List.of("t-a", "t-b"), "");
        assertEquals(0, TinyRun.munet("init", "--config", config.toString()).exitCode());
        TinyRun.Result evolve = TinyRun.munet("evolve", "--config", config.toString());
        assertEquals(0, evolve.exitCode(), evolve.err());
    }

    @Test
    void aTaskWhoseTestSplitChangedIsReportedAsDiffering() throws Exception {
        TinyRun.Result before = TinyRun.munet("evaluate", "--verify", "--config", config.toString());
        assertEquals(0, before.exitCode(), before.out() + before.err());

        Path test = run.dataset("t-b").resolve("test");
        Path saved = dir.resolve("t-b-test-as-committed");
        Files.move(test, saved);
        try {
            copyFolder(run.dataset("t-b").resolve("train"), test); // other images: other predictions
            TinyRun.Result after = TinyRun.munet("evaluate", "--verify", "--config", config.toString());
            assertEquals(1, after.exitCode(), after.out());
            String tB = line(after.out(), "t-b ");
            assertTrue(tB.contains("DIFFER from commit"), after.out());
            assertTrue(line(after.out(), "t-a ").contains("identical to commit"), after.out());
            assertTrue(after.out().contains("verification FAILED: 1 task(s) predict differently"), after.out());
        } finally {
            deleteFolder(test);
            Files.move(saved, test);
        }
    }

    @Test
    void aTamperedBlobIsNamedWithItsComponentAndTasks() throws Exception {
        SystemState system = TinyRun.latest(run.store());
        Component component = system.components()
                .get(system.bestPaths().get("t-a").componentIds().get(1));
        Path blob = run.store().resolve("blobs").resolve(component.id() + ".safetensors");
        byte[] committed = Files.readAllBytes(blob);
        byte[] tampered = committed.clone();
        tampered[tampered.length - 1] ^= 1;
        Files.write(blob, tampered);
        try {
            TinyRun.Result verify = TinyRun.munet("evaluate", "--verify", "--config", config.toString());
            assertEquals(1, verify.exitCode(), verify.out());
            String line = verify.errorLines().get(0);
            assertTrue(line.contains("component " + component.name()) && line.contains("is corrupt"), line);
            assertTrue(line.contains(component.sortedOwners().toString()), line);
        } finally {
            Files.write(blob, committed);
        }
    }

    private static String line(String out, String start) {
        return out.lines()
                .filter(l -> l.startsWith(start))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no line for " + start + " in\n" + out));
    }

    private static void copyFolder(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.toList()) {
                Files.copy(file, to.resolve(from.relativize(file).toString()));
            }
        }
    }

    private static void deleteFolder(Path folder) throws IOException {
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }
}
