package munet.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParquetImportTest {
    @TempDir
    Path dir;

    private final Configuration conf = new Configuration();

    private org.apache.hadoop.fs.Path hub(String file) {
        return new org.apache.hadoop.fs.Path(dir.resolve("hf/data/" + file).toString());
    }

    private List<ImageRow> rows(int n, int labelOffset) {
        List<ImageRow> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(new ImageRow(TestImages.png(2, 2, i * 1000), "img" + i + ".png", (i + labelOffset) % 3));
        }
        return out;
    }

    private ImportReport importHub(ImportOptions options) throws Exception {
        return DatasetImporter.of(
                        DatasetImporter.Format.PARQUET, dir.resolve("hf").toString(), options)
                .importTo(dir.resolve("out").toString(), conf);
    }

    @Test
    void huggingFaceExportIsReadAsIsWithItsClassNamesAndCarvedValidation() throws Exception {
        HuggingFaceFixture.write(hub("train-00000-of-00002.parquet"), rows(20, 0));
        HuggingFaceFixture.write(hub("train-00001-of-00002.parquet"), rows(20, 1));
        HuggingFaceFixture.write(hub("test-00000-of-00001.parquet"), rows(6, 2));
        DatasetReader reader = DatasetReader.open(dir.resolve("hf").toString(), conf, TestImages.OPTIONS.carve());
        DatasetMetadata meta = reader.metadata();
        assertEquals(List.of("airplane", "automobile", "bird"), meta.classNames());
        assertEquals("img", meta.imageColumn());
        assertEquals(new SplitCarve(0.25, 0, 7), meta.carve());

        List<LabeledImage> validation = new ParquetExampleSource(1 << 20, 100, TestImages.OPTIONS.carve())
                .examples(dir.resolve("hf").toString(), "validation");
        List<LabeledImage> train = new ParquetExampleSource(1 << 20, 100, TestImages.OPTIONS.carve())
                .examples(dir.resolve("hf").toString(), "train");
        assertEquals(40, validation.size() + train.size());
        assertTrue(validation.size() > 3 && train.size() > 20, validation.size() + "/" + train.size());

        ImportReport report = importHub(TestImages.OPTIONS);
        assertEquals((long) validation.size(), report.rowsPerSplit().get("validation"));
        assertEquals(6L, report.rowsPerSplit().get("test"));
        DatasetReader imported = DatasetReader.open(dir.resolve("out").toString(), conf, TestImages.OPTIONS.carve());
        assertEquals(meta.classNames(), imported.metadata().classNames());
        assertEquals("image", imported.metadata().imageColumn());
        assertEquals(new SplitCarve(0.25, 0, 7), imported.metadata().carve());
    }

    /** A file of Hugging Face's converted Parquet (refs/convert/parquet): {@code <config>/<split>/0000.parquet}. */
    private org.apache.hadoop.fs.Path converted(String config, String split) {
        return new org.apache.hadoop.fs.Path(
                dir.resolve("hf/" + config + "/" + split + "/0000.parquet").toString());
    }

    @Test
    void convertedParquetOfOneConfigIsReadWithItsValidSplit() throws Exception {
        HuggingFaceFixture.write(converted("default", "train"), rows(9, 0));
        HuggingFaceFixture.write(converted("default", "valid"), rows(4, 1));
        HuggingFaceFixture.write(converted("default", "test"), rows(5, 2));
        ImportReport report = importHub(TestImages.OPTIONS);
        assertEquals(9L, report.rowsPerSplit().get("train"));
        assertEquals(4L, report.rowsPerSplit().get("validation"), "valid is the validation split, not carved");
        assertEquals(5L, report.rowsPerSplit().get("test"));
        assertEquals(
                List.of("airplane", "automobile", "bird"),
                DatasetReader.open(dir.resolve("out").toString(), conf, TestImages.OPTIONS.carve())
                        .metadata()
                        .classNames());
    }

    @Test
    void hubFilesNamedDevAreTheValidationSplit() throws Exception {
        HuggingFaceFixture.write(hub("train.parquet"), rows(9, 0));
        HuggingFaceFixture.write(hub("dev.parquet"), rows(3, 0));
        HuggingFaceFixture.write(hub("test.parquet"), rows(3, 0));
        assertEquals(3L, importHub(TestImages.OPTIONS).rowsPerSplit().get("validation"));
    }

    @Test
    void severalConfigsAskForOneInsteadOfMergingThem() throws Exception {
        for (String config : List.of("cropped", "full")) {
            HuggingFaceFixture.write(converted(config, "train"), rows(9, 0));
            HuggingFaceFixture.write(converted(config, "test"), rows(3, 0));
        }
        assertFailsWithoutOutput("dataset " + dir.resolve("hf")
                + " holds several configurations [cropped, full] (Hugging Face's converted Parquet,"
                + " <config>/<split>/*.parquet); choose one with --subset NAME");
    }

    @Test
    void twoFoldersForOneSplitAreRefused() throws Exception {
        HuggingFaceFixture.write(converted("default", "train"), rows(9, 0));
        HuggingFaceFixture.write(converted("default", "val"), rows(3, 0));
        HuggingFaceFixture.write(converted("default", "dev"), rows(3, 0));
        assertFailsWithoutOutput("has two folders for the validation split, dev and val; keep one");
    }

    @Test
    void labelOutsideTheClassesNamesTheRow() throws Exception {
        List<ImageRow> train = new ArrayList<>(rows(8, 0));
        train.set(5, new ImageRow(TestImages.png(2, 2, 0), "x.png", 3));
        HuggingFaceFixture.write(hub("train.parquet"), train);
        HuggingFaceFixture.write(hub("test.parquet"), rows(3, 0));
        Exception e = assertThrows(IllegalArgumentException.class, () -> importHub(TestImages.OPTIONS));
        assertTrue(e.getMessage().contains(hub("train.parquet") + " row 5: label 3 is outside [0, 3)"), e.getMessage());
        assertFailsWithoutOutput(hub("train.parquet") + " row 5: label 3 is outside [0, 3)");
    }

    @Test
    void imagePathLeavingTheTableFolderIsRefused() throws Exception {
        TestImages.write(dir.resolve("secret.png"), TestImages.png(2, 2, 0));
        List<ImageRow> train = new ArrayList<>(rows(8, 0));
        train.set(2, new ImageRow(null, "../../secret.png", 0));
        HuggingFaceFixture.write(hub("train.parquet"), train);
        HuggingFaceFixture.write(hub("test.parquet"), rows(3, 0));
        assertFailsWithoutOutput(hub("train.parquet") + " row 2: image path '../../secret.png' " + "leaves the folder");
    }

    @Test
    void imagePathInsideTheTableFolderIsRead() throws Exception {
        TestImages.write(dir.resolve("hf/data/pics/p.png"), TestImages.png(3, 3, 0));
        List<ImageRow> train = new ArrayList<>(rows(8, 0));
        train.set(2, new ImageRow(null, "pics/p.png", 0));
        HuggingFaceFixture.write(hub("train.parquet"), train);
        HuggingFaceFixture.write(hub("test.parquet"), rows(3, 0));
        assertEquals(
                8,
                importHub(TestImages.OPTIONS).rowsPerSplit().values().stream()
                                .mapToLong(Long::longValue)
                                .sum()
                        - 3);
    }

    @Test
    void emptySplitIsRefused() throws Exception {
        HuggingFaceFixture.write(hub("train.parquet"), rows(8, 0));
        HuggingFaceFixture.write(hub("test.parquet"), List.of());
        assertFailsWithoutOutput("split 'test' of Parquet table " + dir.resolve("hf") + " is empty");
    }

    @Test
    void corruptBytesNameTheRow() throws Exception {
        List<ImageRow> train = new ArrayList<>(rows(8, 0));
        train.set(4, new ImageRow(new byte[] {(byte) 0x89, 'P', 'N', 'G', 1, 2, 3}, "c.png", 0));
        HuggingFaceFixture.write(hub("train.parquet"), train);
        HuggingFaceFixture.write(hub("test.parquet"), rows(3, 0));
        assertFailsWithoutOutput(hub("train.parquet") + " row 4: ");
    }

    @Test
    void missingTableIsNamed() throws Exception {
        assertFailsWithoutOutput("dataset " + dir.resolve("hf") + " does not exist");
    }

    @Test
    void fileThatIsNotParquetIsNamed() throws Exception {
        TestImages.write(dir.resolve("hf/train.parquet"), "not parquet".getBytes());
        assertFailsWithoutOutput(dir.resolve("hf/train.parquet") + " is not a readable Parquet file");
        assertThrows(java.io.IOException.class, () -> importHub(TestImages.OPTIONS));
    }

    private void assertFailsWithoutOutput(String expected) throws Exception {
        Exception e = assertThrows(Exception.class, () -> importHub(TestImages.OPTIONS));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
        assertEquals(
                Files.exists(dir.resolve("hf")) ? List.of(dir.resolve("hf")) : List.of(),
                TestImages.contents(dir).stream()
                        .filter(p -> !p.getFileName().toString().equals("secret.png"))
                        .toList());
    }
}
