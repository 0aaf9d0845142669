package munet.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

class ImageFolderImportTest {
    @TempDir
    Path dir;

    private final Configuration conf = new Configuration();

    private Path input() {
        return dir.resolve("in");
    }

    private Path outDir() throws Exception {
        return Files.createDirectories(dir.resolve("out"));
    }

    private ImportReport importFolder(ImportOptions options) throws Exception {
        return DatasetImporter.of(DatasetImporter.Format.IMAGE_FOLDER, input().toString(), options)
                .importTo(outDir().resolve("ds").toString(), conf);
    }

    private void nestedFixture() throws Exception {
        for (String split : List.of("train", "validation", "test")) {
            TestImages.write(input().resolve(split + "/cat/a.png"), TestImages.png(4, 4, 0x111111));
            TestImages.write(input().resolve(split + "/dog/b.jpg"), TestImages.jpeg(5, 3, 0xeeeeee));
        }
        TestImages.write(input().resolve("train/cat/deeper/c.PNG"), TestImages.png(2, 2, 0));
        TestImages.write(input().resolve("train/dog/notes.txt"), "ignored".getBytes());
    }

    @Test
    void nestedSplitsKeepTheirSplitsAndClassFoldersBecomeLabels() throws Exception {
        nestedFixture();
        ImportReport report = importFolder(TestImages.OPTIONS);
        assertEquals(3L, report.rowsPerSplit().get("train"));
        assertEquals(2L, report.rowsPerSplit().get("test"));
        DatasetReader reader = DatasetReader.open(outDir().resolve("ds").toString(), conf, TestImages.OPTIONS.carve());
        assertEquals(List.of("cat", "dog"), reader.metadata().classNames());
        assertEquals(null, reader.metadata().carve());
        List<String> train = new ArrayList<>();
        reader.forEach("train", (row, origin) -> train.add(row.path() + "=" + row.label()));
        assertEquals(List.of("train/cat/a.png=0", "train/cat/deeper/c.PNG=0", "train/dog/b.jpg=1"), train);
    }

    @Test
    void aTurnedJpegIsStoredUprightAndTheOthersAsTheyCame() throws Exception {
        nestedFixture();
        byte[] turned = TestImages.withOrientation(TestImages.jpeg(TestImages.leftRedRightBlue()), 6);
        TestImages.write(input().resolve("train/dog/phone.jpg"), turned);
        importFolder(TestImages.OPTIONS);
        String dataset = outDir().resolve("ds").toString();
        java.util.Map<String, byte[]> stored = new java.util.HashMap<>();
        DatasetReader.open(dataset, conf, TestImages.OPTIONS.carve())
                .forEach("train", (row, origin) -> stored.put(row.path(), row.bytes()));
        assertArrayEquals(Files.readAllBytes(input().resolve("train/dog/b.jpg")), stored.get("train/dog/b.jpg"));
        assertArrayEquals(Files.readAllBytes(input().resolve("train/cat/a.png")), stored.get("train/cat/a.png"));
        byte[] phone = stored.get("train/dog/phone.jpg");
        assertEquals("PNG", new String(phone, 1, 3, java.nio.charset.StandardCharsets.US_ASCII));

        // the trainer's reader sees it upright: 16 wide, 32 high, the red half on top
        LabeledImage upright = new ParquetExampleSource(1 << 20, 1 << 20, TestImages.OPTIONS.carve())
                .examples(dataset, "train").stream()
                        .filter(i -> i.height() == 32)
                        .findFirst()
                        .orElseThrow();
        assertEquals(16, upright.width());
        assertTrue((upright.rgb()[3 * (4 * 16 + 8)] & 0xff) > 200, "red on top");
        assertTrue((upright.rgb()[3 * (28 * 16 + 8) + 2] & 0xff) > 200, "blue at the bottom");
    }

    @Test
    void flatFolderCarvesValidationAndTestAndSaysSo() throws Exception {
        for (int i = 0; i < 12; i++) {
            TestImages.write(input().resolve("a/" + i + ".png"), TestImages.png(2, 2, i));
            TestImages.write(input().resolve("b/" + i + ".png"), TestImages.png(2, 2, i));
        }
        ImportReport report = importFolder(TestImages.OPTIONS);
        long total = report.rowsPerSplit().values().stream()
                .mapToLong(Long::longValue)
                .sum();
        assertEquals(24, total);
        String json = Files.readString(outDir().resolve("ds/dataset.json"));
        assertTrue(
                json.contains("\"carvedSplits\":{\"from\":\"train\",\"validationFraction\":0.25,"
                        + "\"testFraction\":0.25,\"seed\":7}"),
                json);
    }

    @Test
    void missingInputIsNamed() throws Exception {
        assertFails(() -> importFolder(TestImages.OPTIONS), input().toString());
    }

    @Test
    void corruptImageFailsUnlessSkipped() throws Exception {
        nestedFixture();
        Path bad = input().resolve("train/dog/broken.png");
        TestImages.write(bad, "not an image".getBytes());
        assertFails(() -> importFolder(TestImages.OPTIONS), bad + ": not a PNG, JPEG or WebP image");
        ImportOptions skip = new ImportOptions(40_000_000L, true, TestImages.OPTIONS.carve());
        ImportReport report = importFolder(skip);
        assertEquals(1, report.skippedCorrupt());
        assertEquals(3L, report.rowsPerSplit().get("train"));
    }

    @Test
    void imageOverThePixelLimitIsRefusedFromItsHeader() throws Exception {
        nestedFixture();
        Path bomb = input().resolve("test/cat/bomb.png");
        // 100000 x 100000 pixels claimed, no pixel data: decoding would fail, the header check first.
        TestImages.write(bomb, TestImages.bombHeader(100_000, 100_000));
        assertFails(
                () -> importFolder(TestImages.OPTIONS),
                bomb + ": image of 100000x100000 pixels" + " is over the limit of 40000000 pixels");
    }

    @Test
    void emptySplitFolderIsRefused() throws Exception {
        nestedFixture();
        Path validation = input().resolve("validation");
        for (String c : List.of("cat/a.png", "dog/b.jpg", "cat", "dog")) {
            Files.delete(validation.resolve(c));
        }
        assertFails(() -> importFolder(TestImages.OPTIONS), "split folder " + validation.toRealPath() + " is empty");
    }

    @Test
    void classFolderWithoutImagesIsRefused() throws Exception {
        nestedFixture();
        Path empty = Files.createDirectories(input().resolve("test/cat/nothing-here"));
        Files.delete(input().resolve("test/cat/a.png"));
        assertFails(
                () -> importFolder(TestImages.OPTIONS),
                "class folder " + empty.getParent().toRealPath() + " has no PNG, JPEG or WebP images");
    }

    @Test
    void symlinkLeavingTheInputIsRefused() throws Exception {
        nestedFixture();
        Path outside = dir.resolve("secret.png");
        TestImages.write(outside, TestImages.png(2, 2, 0));
        Path link = input().resolve("train/cat/link.png");
        Files.createSymbolicLink(link, outside);
        assertFails(
                () -> importFolder(TestImages.OPTIONS),
                input().toRealPath().resolve("train/cat/link.png") + " links to " + outside.toRealPath()
                        + ", outside the input folder");
    }

    @Test
    void symlinkInsideTheInputIsFollowed() throws Exception {
        nestedFixture();
        Files.createSymbolicLink(input().resolve("train/cat/again.png"), input().resolve("train/cat/a.png"));
        assertEquals(4L, importFolder(TestImages.OPTIONS).rowsPerSplit().get("train"));
    }

    @Test
    void progressIsLoggedAtEveryTenthOfTheImages() throws Exception {
        for (int i = 0; i < 20; i++) {
            TestImages.write(input().resolve((i % 2 == 0 ? "cat/" : "dog/") + i + ".png"), TestImages.png(2, 2, i));
        }
        // slf4j-simple, the tests' logger, writes to whatever System.err is at the time
        java.io.PrintStream stderr = System.err;
        java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
        System.setErr(new java.io.PrintStream(captured, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            importFolder(TestImages.OPTIONS);
        } finally {
            System.setErr(stderr);
        }
        List<String> lines = captured.toString(java.nio.charset.StandardCharsets.UTF_8)
                .lines()
                .filter(l -> l.contains("import of image folder " + input() + ": "))
                .map(l -> l.substring(l.indexOf(": ") + 2).replaceAll(", [0-9.,]+ images/s, .*", ""))
                .toList();
        assertEquals(10, lines.size(), captured.toString());
        assertEquals("2/20 images (10%)", lines.get(0));
        assertEquals("20/20 images (100%)", lines.get(9));
    }

    @Test
    void symlinkLoopIsNamedInOneLine() throws Exception {
        nestedFixture();
        Path loop = input().resolve("train/cat/deeper/loop");
        Files.createSymbolicLink(loop, input().resolve("train/cat"));
        Exception e = assertThrows(IllegalArgumentException.class, () -> importFolder(TestImages.OPTIONS));
        assertEquals(
                "image folder " + input() + ": the symbolic link "
                        + input().toRealPath().resolve("train/cat/deeper/loop")
                        + " points back to a folder that contains it, a loop; remove the link",
                e.getMessage());
        assertEquals(List.of(), TestImages.contents(outDir()), "nothing written");
    }

    @Test
    void folderTooSmallToCarveSaysHowManyImagesPerClassItNeeds() throws Exception {
        TestImages.write(input().resolve("cat/a.png"), TestImages.png(2, 2, 0));
        TestImages.write(input().resolve("dog/b.png"), TestImages.png(2, 2, 0xffffff));
        // 25% for validation and for test: about 4 images per class give each carved split one
        assertFails(
                () -> importFolder(TestImages.OPTIONS),
                "came out empty: it is carved from train (25% for validation, 25% for test, munet.data.carve) and"
                        + " train has 2 images for 2 classes; carving needs about 4 images per class or more (8 in all)");
    }

    @Test
    void existingOutputIsLeftAlone() throws Exception {
        nestedFixture();
        Path out = Files.createDirectories(outDir().resolve("ds"));
        assertFails(() -> importFolder(TestImages.OPTIONS), out + " already exists");
        assertEquals(List.of(out), TestImages.contents(outDir()));
        assertEquals(List.of(), TestImages.contents(out));
    }

    /** Runs a failing import: its message holds {@code expected} and the output stays empty. */
    private void assertFails(Executable importCall, String expected) throws Exception {
        Exception e = assertThrows(Exception.class, importCall);
        assertTrue(e.getMessage().contains(expected), e.getMessage());
        if (!Files.exists(outDir().resolve("ds"))) {
            assertEquals(List.of(), TestImages.contents(outDir()), "nothing written");
        }
    }
}
