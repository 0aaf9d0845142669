package munet.data;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A Hugging Face Parquet export whose train file holds any bytes (the kept inputs start from a
 * valid one): the trainer's reader decodes its examples or refuses with an IOException or
 * IllegalArgumentException naming the file or row, nothing else.
 */
class ParquetDatasetFuzzTest {
    private static Path dataset;

    /** One export for every input: a valid test split, and the train file each input replaces. */
    private static synchronized Path dataset() throws IOException {
        if (dataset == null) {
            Path dir = Files.createTempDirectory("fuzzed-dataset");
            List<ImageRow> rows = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                rows.add(new ImageRow(TestImages.png(2, 2, i * 1000), "img" + i + ".png", i % 3));
            }
            HuggingFaceFixture.write(
                    new org.apache.hadoop.fs.Path(
                            dir.resolve("data/test-00000-of-00001.parquet").toString()),
                    rows);
            dataset = dir;
        }
        return dataset;
    }

    @FuzzTest(maxDuration = "5s")
    void anyTrainFileIsReadOrRefused(byte[] bytes) throws IOException {
        Path dir = dataset();
        Files.write(dir.resolve("data/train-00000-of-00001.parquet"), bytes);
        // a fresh source: the cache must not answer from an earlier input
        ParquetExampleSource source = new ParquetExampleSource(1 << 20, 4096, TestImages.OPTIONS.carve());
        try {
            source.examples(dir.toString(), "train");
            source.examples(dir.toString(), "validation");
        } catch (IOException | IllegalArgumentException refused) {
            // the refusals the reader promises
        }
    }
}
