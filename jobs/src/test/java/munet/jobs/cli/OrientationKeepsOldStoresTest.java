package munet.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import munet.jobs.TinyRun;
import munet.store.StoreLease;
import munet.store.StoreSettings;
import munet.store.SystemStore;
import munet.system.SystemState;
import munet.system.Task;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A store made by the release before EXIF orientation was applied, whose task trained on JPEGs
 * carrying orientation 6 (see the fixture's README), still verifies: its dataset's bytes decode to
 * the pixels they decoded to then, and so its committed predictions are unchanged. (A new import
 * of such a JPEG stores it upright: ImageFolderImportTest, ImageDecoderTest.)
 */
class OrientationKeepsOldStoresTest {
    @TempDir
    Path dir;

    @Test
    void aStoreTrainedOnTurnedJpegsBeforeOrientationWasAppliedStillVerifies() throws Exception {
        copyFolder(fixture(), dir);
        Path store = dir.resolve("store");
        Path dataset = dir.resolve("dataset");
        // The fixture's task names the dataset where it was made; point it here in a version of its own,
        // which keeps every path, blob and recorded digest of version 2.
        SystemStore opened = SystemStore.open(store.toUri().toString(), new Configuration());
        SystemState made = opened.loadLatest().orElseThrow();
        assertEquals(2, made.version());
        Task task = made.task("rotated");
        SystemState moved = made.withTask(new Task(
                task.name(),
                task.numClasses(),
                task.isPrivate(),
                dataset.toUri().toString()));
        try (StoreLease lease =
                opened.acquireLease("move the dataset", StoreSettings.fromConfig(ConfigFactory.load()))) {
            opened.commit(
                    lease,
                    new SystemState(
                            made.version() + 1,
                            moved.architecture(),
                            moved.tasks(),
                            moved.components(),
                            moved.bestPaths(),
                            moved.rootPaths()));
        }
        Path config = Files.writeString(
                dir.resolve("run.conf"),
                "munet.store.uri = \"" + store + "\"\nmunet.tasks = [{ name = rotated, dataset = \"" + dataset
                        + "\" }]\n");

        TinyRun.Result verify = TinyRun.munet("evaluate", "--verify", "--config", config.toString());
        assertEquals(0, verify.exitCode(), verify.out() + verify.err());
        assertTrue(verify.out().contains("88.9%"), verify.out());
        assertTrue(verify.out().contains("identical to commit"), verify.out());
    }

    private static Path fixture() throws URISyntaxException {
        return Path.of(OrientationKeepsOldStoresTest.class
                .getResource("before-exif-orientation")
                .toURI());
    }

    private static void copyFolder(Path from, Path to) throws java.io.IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.toList()) {
                Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target);
                }
            }
        }
    }
}
