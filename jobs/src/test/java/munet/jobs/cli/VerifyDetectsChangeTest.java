package munet.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import munet.jobs.TinyRun;
import munet.store.StoreLease;
import munet.store.StoreSettings;
import munet.store.SystemStore;
import munet.system.Component;
import munet.system.SystemState;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code evaluate --verify} shown to fail: every other test sees "identical", which a check that
 * ignored the predictions would also print. Here a committed task's recorded digest disagrees with
 * its predictions, and separately one of its blobs is altered, and the check must name what
 * changed and exit non-zero. (That the digest changes with any one prediction: PathEvaluatorTest.)
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
    void aTaskWhosePredictionsDifferFromItsRecordedDigestIsReported() throws Exception {
        TinyRun.Result before = TinyRun.munet("evaluate", "--verify", "--config", config.toString());
        assertEquals(0, before.exitCode(), before.out() + before.err());

        // A version whose recorded digest of t-b's predictions is not what t-b predicts. (The test
        // split itself cannot be swapped under this JVM: executors cache decoded splits by location.)
        Path store = dir.resolve("tampered-digest");
        copyFolder(run.store(), store);
        SystemStore opened = SystemStore.open(store.toUri().toString(), new Configuration());
        SystemState committed = opened.loadLatest().orElseThrow();
        munet.system.Path tB = committed.bestPaths().get("t-b");
        Map<String, munet.system.Path> bestPaths = new LinkedHashMap<>(committed.bestPaths());
        bestPaths.put("t-b", tB.withTest(tB.testQuality(), "0".repeat(64)));
        try (StoreLease lease = opened.acquireLease("tamper", StoreSettings.fromConfig(ConfigFactory.load()))) {
            opened.commit(
                    lease,
                    new SystemState(
                            committed.version() + 1,
                            committed.architecture(),
                            committed.tasks(),
                            committed.components(),
                            bestPaths,
                            committed.rootPaths()));
        }
        TinyRun.Result after =
                TinyRun.munet("evaluate", "--verify", "--config", config.toString(), "--store", store.toString());
        assertEquals(1, after.exitCode(), after.out());
        assertTrue(line(after.out(), "t-b ").contains("DIFFER from commit"), after.out());
        assertTrue(line(after.out(), "t-a ").contains("identical to commit"), after.out());
        assertTrue(after.out().contains("verification FAILED: 1 task(s) predict differently"), after.out());
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
            // Hadoop's checksum file or the blob's own hash catches it, whichever reads first
            assertTrue(line.contains("component " + component.name()) && line.contains("corrupt"), line);
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
}
