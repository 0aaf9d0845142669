package munet.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetRoundTripTest {
    @TempDir
    Path dir;

    private final Configuration conf = new Configuration();

    private String writeDataset(String name) throws Exception {
        String out = dir.resolve(name).toString();
        DatasetMetadata meta = DatasetMetadata.of(List.of("red", "green"));
        try (DatasetWriter w = new DatasetWriter("test rows", out, conf, meta, TestImages.OPTIONS, null)) {
            w.add("train", new ImageRow(TestImages.png(3, 2, 0xff0000), "r.png", 0), "r");
            w.add("train", new ImageRow(TestImages.jpeg(8, 8, 0x00ff00), "g.jpg", 1), "g");
            w.add("validation", new ImageRow(TestImages.png(2, 2, 0x00ff00), null, 1), "v");
            w.add("test", new ImageRow(TestImages.png(4, 1, 0xff0000), "t.png", 0), "t");
            ImportReport report = w.commit();
            assertEquals(2L, report.rowsPerSplit().get("train"));
        }
        return out;
    }

    @Test
    void writtenRowsReadBackWithTheirLabelsPathsAndClassNames() throws Exception {
        String out = writeDataset("ds");
        DatasetReader reader = DatasetReader.open(out, conf, TestImages.OPTIONS.carve());
        assertEquals(List.of("red", "green"), reader.metadata().classNames());
        List<ImageRow> rows = new ArrayList<>();
        reader.forEach("train", (row, origin) -> rows.add(row));
        assertEquals(List.of(0L, 1L), rows.stream().map(ImageRow::label).toList());
        assertEquals("r.png", rows.get(0).path());
        assertArrayEquals(TestImages.png(3, 2, 0xff0000), rows.get(0).bytes());

        String json = Files.readString(Path.of(out, DatasetMetadata.FILE_NAME));
        assertTrue(json.contains("\"numClasses\":2"), json);
        // The footer names the classes the way Hugging Face datasets expects.
        try (ParquetFileReader f = ParquetFileReader.open(
                HadoopInputFile.fromPath(new org.apache.hadoop.fs.Path(out + "/train/part-00000.parquet"), conf))) {
            String hf = f.getFooter().getFileMetaData().getKeyValueMetaData().get("huggingface");
            assertEquals(
                    List.of("red", "green"),
                    DatasetMetadata.fromHuggingFaceJson(hf, "footer").classNames());
        }
    }

    @Test
    void exampleSourceDecodesRgbAtNativeSizeAndCachesTheSplit() throws Exception {
        String out = writeDataset("ds");
        ParquetExampleSource source = new ParquetExampleSource(1 << 20, 1000, TestImages.OPTIONS.carve());
        List<LabeledImage> train = source.examples(out, "train");
        assertEquals(3, train.get(0).width());
        assertEquals(2, train.get(0).height());
        assertEquals((byte) 0xff, train.get(0).rgb()[0]);
        assertEquals(0, train.get(0).rgb()[1]);
        assertEquals(8, train.get(1).width());
        assertTrue((train.get(1).rgb()[1] & 0xff) > 200, "JPEG green channel");
        assertSame(train, source.examples(out, "train"));
        assertEquals(1, source.cachedSplits());
    }

    @Test
    void cacheEvictsLeastRecentlyUsedSplitsBeyondItsByteBound() throws Exception {
        String out = writeDataset("ds");
        // train decodes to (3*2 + 8*8) * 3 = 210 bytes, test to 12: the bound holds only one of them.
        ParquetExampleSource source = new ParquetExampleSource(215, 1000, TestImages.OPTIONS.carve());
        List<LabeledImage> train = source.examples(out, "train");
        List<LabeledImage> test = source.examples(out, "test");
        assertEquals(1, source.cachedSplits());
        assertSame(test, source.examples(out, "test"));
        assertNotSame(train, source.examples(out, "train"));

        ParquetExampleSource tiny = new ParquetExampleSource(100, 1000, TestImages.OPTIONS.carve());
        assertEquals(2, tiny.examples(out, "train").size());
        assertEquals(0, tiny.cachedSplits(), "a split over the whole bound is not cached");
    }

    @Test
    void carveIsSeededAndKeepsItsFractions() {
        SplitCarve carve = new SplitCarve(0.2, 0.1, 42);
        java.util.Map<String, Integer> counts = new java.util.TreeMap<>();
        for (long i = 0; i < 10_000; i++) {
            assertEquals(carve.splitOf(i), new SplitCarve(0.2, 0.1, 42).splitOf(i));
            counts.merge(carve.splitOf(i), 1, Integer::sum);
        }
        assertTrue(counts.get("validation") > 1800 && counts.get("validation") < 2200, "shares " + counts);
        assertTrue(counts.get("test") > 850 && counts.get("test") < 1150, "shares " + counts);
        assertThrows(IllegalArgumentException.class, () -> new SplitCarve(0.6, 0.5, 1));
    }

    /** Train rows carved on import, read back: the carved splits and what is left of train partition the rows. */
    @Test
    void carvedSplitsReadBackDisjointAndTogetherHoldEveryTrainRow() throws Exception {
        String out = dir.resolve("train-only").toString();
        java.util.Set<String> written = new java.util.TreeSet<>();
        try (DatasetWriter w = new DatasetWriter(
                "train rows",
                out,
                conf,
                DatasetMetadata.of(List.of("red", "green")),
                TestImages.OPTIONS,
                new SplitCarve(0.2, 0.1, 42))) {
            for (int i = 0; i < 200; i++) {
                String name = "img-" + i + ".png";
                w.add("train", new ImageRow(TestImages.png(2, 2, i), name, i % 2), name);
                written.add(name);
            }
            w.commit();
        }
        DatasetReader reader = DatasetReader.open(out, conf, new SplitCarve(0.2, 0.1, 42));
        java.util.Map<String, java.util.Set<String>> splits = new java.util.TreeMap<>();
        for (String split : List.of("train", "validation", "test")) {
            java.util.Set<String> paths = new java.util.TreeSet<>();
            reader.forEach(split, (row, origin) -> assertTrue(paths.add(row.path()), "read twice: " + row.path()));
            splits.put(split, paths);
            assertTrue(paths.size() > 5, split + " carved: " + paths.size());
        }
        java.util.Set<String> union = new java.util.TreeSet<>();
        splits.values().forEach(union::addAll);
        assertEquals(written, union, "every row is in some split");
        assertEquals(200, splits.values().stream().mapToInt(java.util.Set::size).sum(), "and in one only: " + splits);
    }

    @Test
    void newerFormatVersionIsRefused() throws Exception {
        String out = writeDataset("ds");
        Path json = Path.of(out, DatasetMetadata.FILE_NAME);
        Files.writeString(
                json, Files.readString(json).replace("\"version\":1", "\"version\":9"), StandardCharsets.UTF_8);
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class, () -> DatasetReader.open(out, conf, TestImages.OPTIONS.carve()));
        assertTrue(e.getMessage().contains(json.toString()) && e.getMessage().contains("upgrade"), e.getMessage());
    }
}
