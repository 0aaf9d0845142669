package munet.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import munet.jobs.TinyRun;
import munet.store.StoreLease;
import munet.store.SystemStore;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each bad input to a real store: one clear line naming the input, a non-zero exit code, and
 * every file under the store path exactly as it was (or still no store at all).
 */
class BadInputTest {

    @TempDir
    static Path dir;

    private static TinyRun run;

    /** A store whose system has task t-a (3 classes) evolved. */
    @BeforeAll
    static void evolveOneTask() {
        run = new TinyRun(dir);
        run.generateData();
        Path config = run.config("t-a.conf", List.of("t-a"), "munet.evolution.samples-per-task = 2");
        assertEquals(0, TinyRun.munet("init", "--config", config.toString()).exitCode());
        TinyRun.Result evolve = TinyRun.munet("evolve", "--config", config.toString());
        assertEquals(0, evolve.exitCode(), evolve.err());
    }

    @Test
    void aTaskWhoseDatasetIsMissing() throws Exception {
        Path missing = dir.resolve("data").resolve("no-such-task");
        Path config = run.config(
                "missing.conf",
                List.of("t-a"),
                "munet.tasks = [{ name = t-a, dataset = \"" + run.dataset("t-a") + "\" }, { name = t-z, dataset = \""
                        + missing + "\" }]");
        String line = rejected(run.store(), "task t-z", "evolve", "--config", config.toString());
        assertTrue(line.contains(missing.toString()), line);
    }

    @Test
    void aRegisteredTaskRepointedToADatasetWithAnotherClassCount() throws Exception {
        // t-a was registered with 3 classes; t-b's dataset has 4
        Path config = run.config(
                "repointed.conf",
                List.of("t-a"),
                "munet.tasks = [{ name = t-a, dataset = \"" + run.dataset("t-b") + "\" }]");
        String line = rejected(run.store(), "t-a", "evolve", "--config", config.toString());
        assertTrue(line.contains("3 classes") && line.contains("4 classes"), line);
    }

    @Test
    void aConfigKeyOfTheWrongType() throws Exception {
        Path config = run.config("wrong-type.conf", List.of("t-a"), "munet.evolution.samples-per-task = \"many\"");
        rejected(run.store(), "munet.evolution.samples-per-task", "evolve", "--config", config.toString());
    }

    @Test
    void aStoreLockedByAnotherJob() throws Exception {
        SystemStore store = SystemStore.open(run.store().toUri().toString(), new Configuration());
        Path config = run.config("locked.conf", List.of("t-a", "t-b"), "");
        try (StoreLease other =
                StoreLease.acquire(store.fileSystem(), store.root(), "the nightly job", Clock.systemUTC())) {
            String line = rejected(run.store(), "the nightly job", "evolve", "--config", config.toString());
            assertTrue(line.contains("in use"), line);
            other.verifyHeld();
        }
    }

    @Test
    void aStorePathThatCannotBeWritten() throws Exception {
        // tests run as root, whom permissions do not stop: a path under a regular file cannot be a folder
        Path file = Files.writeString(dir.resolve("a-file"), "not a folder");
        Path store = file.resolve("store");
        Path config = run.config("unwritable.conf", List.of("t-a"), "");
        rejected(file, store.toString(), "init", "--config", config.toString(), "--store", store.toString());
        rejected(file, store.toString(), "evolve", "--config", config.toString(), "--store", store.toString());
    }

    @Test
    void evolveOnAStoreNeverInitialised() throws Exception {
        Path store = dir.resolve("never-initialised");
        Path config = run.config("fresh.conf", List.of("t-a"), "");
        String line =
                rejected(store, store.toString(), "evolve", "--config", config.toString(), "--store", store.toString());
        assertTrue(line.contains("munet init"), line);
        assertFalse(Files.exists(store), "evolve must not create the store folder");
    }

    @Test
    void initOnAStoreThatHoldsAVersion() throws Exception {
        Path config = run.config("again.conf", List.of("t-a"), "");
        rejected(run.store(), "already holds a system", "init", "--config", config.toString());
    }

    @Test
    void initWithAMissingPretrainingDatasetLeavesNoHalfCreatedStore() throws Exception {
        Path store = dir.resolve("pretrained");
        Path missing = dir.resolve("data").resolve("no-source");
        Path config = run.config(
                "pretrain.conf",
                List.of("t-a"),
                "munet.init { root = pretrain, pretrain.dataset = \"" + missing + "\" }");
        rejected(store, missing.toString(), "init", "--config", config.toString(), "--store", store.toString());
        assertFalse(Files.exists(store), "a failed init must not leave a store folder behind");
    }

    @Test
    void aMisspeltConfigKey() throws Exception {
        Path config = run.config("typo.conf", List.of("t-a"), "munet.evolution.samples-per-taks = 2");
        String line = rejected(
                run.store(), "unknown key munet.evolution.samples-per-taks", "evolve", "--config", config.toString());
        assertTrue(line.contains("samples-per-task"), line);
    }

    @Test
    void aModelOfOtherThanThreeChannels() throws Exception {
        Path config = run.config("gray.conf", List.of("t-a"), "munet.model.channels = 1");
        rejected(run.store(), "munet.model.channels", "evolve", "--config", config.toString());
    }

    @Test
    void aStoreOfANewerFormat() throws Exception {
        Path store = copyOfStore("newer-format");
        Path marker = store.resolve("versions/2/" + SystemStore.MARKER);
        Files.writeString(
                marker, Files.readString(marker).replaceFirst("\"formatVersion\":[0-9]+", "\"formatVersion\":9"));
        Files.delete(marker.resolveSibling("." + SystemStore.MARKER + ".crc")); // as a newer release's would be
        for (String command : List.of("evolve", "status", "evaluate")) {
            rejected(store, "store format 9", command, "--config", config().toString(), "--store", store.toString());
        }
    }

    @Test
    void aTamperedVersionTable() throws Exception {
        Path store = copyOfStore("tampered-table");
        flipLastByte(store.resolve("versions/2/paths.parquet"));
        String line = rejected(
                store, "paths.parquet", "status", "--config", config().toString(), "--store", store.toString());
        assertTrue(line.contains("corrupt"), line);
    }

    @Test
    void aTamperedBlob() throws Exception {
        Path store = copyOfStore("tampered-blob");
        String blob =
                TinyRun.latest(store).bestPaths().get("t-a").componentIds().get(0);
        flipLastByte(store.resolve("blobs/" + blob + ".safetensors"));
        String line = rejected(
                store, blob, "evaluate", "--verify", "--config", config().toString(), "--store", store.toString());
        assertTrue(line.contains("corrupt") && line.contains("used by tasks"), line);
    }

    @Test
    void aMissingBlob() throws Exception {
        Path store = copyOfStore("missing-blob");
        String blob =
                TinyRun.latest(store).bestPaths().get("t-a").componentIds().get(0);
        Files.delete(store.resolve("blobs/" + blob + ".safetensors"));
        Files.deleteIfExists(store.resolve("blobs/." + blob + ".safetensors.crc"));
        String line = rejected(
                store, blob, "evaluate", "--verify", "--config", config().toString(), "--store", store.toString());
        assertTrue(line.contains("is missing"), line);
    }

    @Test
    void evaluateOnAStoreNeverInitialised() throws Exception {
        Path store = dir.resolve("never-initialised-evaluate");
        rejected(store, "munet init", "evaluate", "--config", config().toString(), "--store", store.toString());
        assertFalse(Files.exists(store));
    }

    @Test
    void predictForATaskTheSystemDoesNotHave() throws Exception {
        Path output = dir.resolve("predictions-of-t-z.parquet");
        rejected(
                run.store(),
                "t-z",
                "predict",
                "--config",
                config().toString(),
                "--task",
                "t-z",
                "--input",
                run.dataset("t-a").toString(),
                "--output",
                output.toString());
        assertFalse(Files.exists(output), "no output written");
    }

    @Test
    void predictOnAMissingInput() throws Exception {
        Path missing = dir.resolve("no-such-images");
        Path output = dir.resolve("predictions-of-nothing.parquet");
        rejected(
                run.store(),
                missing.toString(),
                "predict",
                "--config",
                config().toString(),
                "--task",
                "t-a",
                "--input",
                missing.toString(),
                "--output",
                output.toString());
        assertFalse(Files.exists(output), "no output written");
    }

    @Test
    void exportOfATaskTheSystemDoesNotHave() throws Exception {
        Path output = dir.resolve("export-of-t-z");
        rejected(
                run.store(),
                "t-z",
                "export",
                "--config",
                config().toString(),
                "--task",
                "t-z",
                "--output",
                output.toString());
        assertFalse(Files.exists(output), "no output written");
    }

    private static Path config() {
        return run.config("t-a-only.conf", List.of("t-a"), "munet.evolution.samples-per-task = 2");
    }

    private static Path copyOfStore(String name) throws IOException {
        Path copy = dir.resolve(name);
        try (Stream<Path> files = Files.walk(run.store())) {
            for (Path file : files.toList()) {
                Files.copy(file, copy.resolve(run.store().relativize(file).toString()));
            }
        }
        return copy;
    }

    /** Changes a file's last byte and removes Hadoop's checksum of it, so only munet's own check sees it. */
    private static void flipLastByte(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length - 1] ^= 1;
        Files.write(file, bytes);
        Files.deleteIfExists(file.resolveSibling("." + file.getFileName() + ".crc"));
    }

    /**
     * Runs {@code args}, expecting one error line that contains {@code named} and a store left
     * unchanged; returns that line.
     */
    private static String rejected(Path store, String named, String... args) throws Exception {
        Map<String, String> before = TinyRun.fileHashes(store);
        TinyRun.Result result = TinyRun.munet(args);
        assertNotEquals(0, result.exitCode(), result.out());
        List<String> lines = result.errorLines();
        assertEquals(1, lines.size(), "one error line, got:\n" + result.err());
        String line = lines.get(0);
        assertTrue(line.startsWith("munet " + args[0] + ": "), line);
        assertTrue(line.contains(named), "the line must name " + named + ": " + line);
        assertEquals(before, TinyRun.fileHashes(store), "the store must be unchanged");
        System.out.println("bad input refused: " + line); // the README's table of bad input quotes these
        return line;
    }
}
