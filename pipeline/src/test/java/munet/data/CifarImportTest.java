package munet.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CifarImportTest {
    @TempDir
    Path dir;

    private final Configuration conf = new Configuration();

    /** {@code n} records; record i has label i % classes and every red byte equal to i. */
    private static byte[] records(int n, int classes, boolean coarseFirst) {
        int size = (coarseFirst ? 2 : 1) + 3072;
        byte[] out = new byte[n * size];
        for (int i = 0; i < n; i++) {
            int base = i * size;
            if (coarseFirst) {
                out[base++] = (byte) 19;
            }
            out[base] = (byte) (i % classes);
            for (int p = 0; p < 1024; p++) {
                out[base + 1 + p] = (byte) i;
                out[base + 1 + 2048 + p] = (byte) 200;
            }
        }
        return out;
    }

    private ImportReport importCifar(DatasetImporter.Format format) throws Exception {
        return DatasetImporter.of(format, dir.resolve("in").toString(), TestImages.OPTIONS)
                .importTo(dir.resolve("out").toString(), conf);
    }

    @Test
    void cifar10RecordsBecomeLabelledRgbImages() throws Exception {
        Path batches = dir.resolve("in/cifar-10-batches-bin");
        TestImages.write(batches.resolve("batches.meta.txt"), "airplane\nautomobile\nbird\n\n".getBytes());
        TestImages.write(batches.resolve("data_batch_1.bin"), records(12, 3, false));
        TestImages.write(batches.resolve("data_batch_2.bin"), records(12, 3, false));
        TestImages.write(batches.resolve("test_batch.bin"), records(5, 3, false));
        ImportReport report = importCifar(DatasetImporter.Format.CIFAR10);
        assertEquals(5L, report.rowsPerSplit().get("test"));
        assertEquals(
                24L, report.rowsPerSplit().get("train") + report.rowsPerSplit().get("validation"));

        ParquetExampleSource source = new ParquetExampleSource(1 << 20, 4096, TestImages.OPTIONS.carve());
        List<LabeledImage> test = source.examples(dir.resolve("out").toString(), "test");
        LabeledImage third = test.get(2);
        assertEquals(32, third.width());
        assertEquals(2, third.label());
        assertEquals(2, third.rgb()[0]);
        assertEquals(0, third.rgb()[1]);
        assertEquals((byte) 200, third.rgb()[2]);
        assertEquals(
                List.of("airplane", "automobile", "bird"),
                DatasetReader.open(dir.resolve("out").toString(), conf, TestImages.OPTIONS.carve())
                        .metadata()
                        .classNames());
    }

    @Test
    void cifar100UsesFineLabels() throws Exception {
        Path in = dir.resolve("in");
        TestImages.write(in.resolve("fine_label_names.txt"), "apple\nbee\n".getBytes());
        TestImages.write(in.resolve("train.bin"), records(16, 2, true));
        TestImages.write(in.resolve("test.bin"), records(4, 2, true));
        importCifar(DatasetImporter.Format.CIFAR100);
        List<LabeledImage> test = new ParquetExampleSource(1 << 20, 4096, TestImages.OPTIONS.carve())
                .examples(dir.resolve("out").toString(), "test");
        assertEquals(List.of(0, 1, 0, 1), test.stream().map(LabeledImage::label).toList());
    }

    @Test
    void truncatedFileIsNamedAndNothingIsWritten() throws Exception {
        Path in = dir.resolve("in");
        TestImages.write(in.resolve("batches.meta.txt"), "a\nb\n".getBytes());
        TestImages.write(in.resolve("data_batch_1.bin"), records(8, 2, false));
        byte[] test = records(3, 2, false);
        TestImages.write(in.resolve("test_batch.bin"), java.util.Arrays.copyOf(test, test.length - 7));
        Exception e = assertThrows(Exception.class, () -> importCifar(DatasetImporter.Format.CIFAR10));
        assertTrue(
                e.getMessage()
                        .contains(in.resolve("test_batch.bin") + " is 9212 bytes, not a "
                                + "whole number of 3073-byte CIFAR records"),
                e.getMessage());
        assertEquals(List.of(in), TestImages.contents(dir));
    }

    @Test
    void labelBeyondTheNamesFileIsNamedByRecord() throws Exception {
        Path in = dir.resolve("in");
        TestImages.write(in.resolve("batches.meta.txt"), "a\nb\n".getBytes());
        TestImages.write(in.resolve("data_batch_1.bin"), records(8, 3, false));
        TestImages.write(in.resolve("test_batch.bin"), records(3, 2, false));
        Exception e = assertThrows(Exception.class, () -> importCifar(DatasetImporter.Format.CIFAR10));
        assertTrue(
                e.getMessage().contains(in.resolve("data_batch_1.bin") + " record 2: label 2 is " + "outside [0, 2)"),
                e.getMessage());
        assertEquals(List.of(in), TestImages.contents(dir));
        assertTrue(Files.exists(in.resolve("data_batch_1.bin")));
    }
}
