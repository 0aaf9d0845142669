package munet.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import munet.data.DatasetReader;
import munet.data.ImageDecoder;
import munet.data.LabeledImage;
import munet.data.SplitCarve;
import munet.jobs.TinyRun;
import munet.jobs.spark.ImageFrames;
import munet.jobs.spark.SparkSessions;
import munet.store.StoreLease;
import munet.store.StoreSettings;
import munet.store.SystemStore;
import munet.system.SystemState;
import munet.system.Task;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A store made by the release before EXIF orientation was applied, whose task trained on JPEGs
 * carrying orientation 6 (see the fixture's README), still verifies: its dataset's bytes decode to
 * the pixels they decoded to then, and so its committed predictions are unchanged. Predicting
 * the same JPEGs as image files turns them upright, as a new import stores them
 * (ImageFolderImportTest, ImageDecoderTest).
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

    @Test
    void predictTurnsImageFilesUprightAsAnImportWouldAndReadsDatasetRowsAsStored() throws Exception {
        Path dataset = fixture().resolve("dataset");
        Map<String, byte[]> turned = new TreeMap<>();
        DatasetReader.open(dataset.toUri().toString(), new Configuration(), new SplitCarve(0.1, 0.1, 1))
                .forEach("test", (row, origin) -> turned.put(row.path(), row.bytes()));
        Path photos = dir.resolve("photos");
        for (Map.Entry<String, byte[]> jpeg : turned.entrySet()) {
            Files.createDirectories(photos.resolve(jpeg.getKey()).getParent());
            Files.write(photos.resolve(jpeg.getKey()), jpeg.getValue());
        }
        ImageDecoder decoder = new ImageDecoder(1_000_000);
        SparkSession spark = SparkSessions.start("OrientationKeepsOldStoresTest");
        try {
            for (Row file :
                    ImageFrames.read(spark, photos.toString(), 1_000_000).collectAsList()) {
                LabeledImage image = decoder.decode(file.getAs(ImageFrames.BYTES), 0, file.getAs(ImageFrames.IMAGE));
                assertEquals(List.of(16, 20), List.of(image.width(), image.height()), "upright: " + file);
            }
            List<Row> rows = ImageFrames.read(spark, dataset.resolve("test").toString(), 1_000_000)
                    .collectAsList();
            assertEquals(turned.size(), rows.size());
            for (Row row : rows) {
                assertArrayEquals(turned.get(row.<String>getAs(ImageFrames.IMAGE)), row.getAs(ImageFrames.BYTES));
            }
        } finally {
            spark.stop();
        }
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
