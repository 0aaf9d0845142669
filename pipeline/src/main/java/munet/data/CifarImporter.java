package munet.data;

import java.awt.image.BufferedImage;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;

/**
 * Imports the binary versions of CIFAR-10 ({@code data_batch_1..5.bin}, {@code test_batch.bin},
 * {@code batches.meta.txt}) and CIFAR-100 ({@code train.bin}, {@code test.bin},
 * {@code fine_label_names.txt}; fine labels), from the given folder or the archive's folder
 * inside it. Each 32x32 record is stored as PNG; validation is carved from train.
 */
final class CifarImporter implements DatasetImporter {
    private static final int SIDE = 32;
    private static final int PIXELS = SIDE * SIDE;

    enum Variant {
        CIFAR10("cifar-10-batches-bin", "batches.meta.txt", "data_batch_", "test_batch.bin", 0),
        CIFAR100("cifar-100-binary", "fine_label_names.txt", "train", "test.bin", 1);

        final String archiveFolder;
        final String namesFile;
        final String trainPrefix;
        final String testFile;
        /** Bytes before the fine label: CIFAR-100 records start with the coarse label. */
        final int labelOffset;

        Variant(String archiveFolder, String namesFile, String trainPrefix, String testFile, int labelOffset) {
            this.archiveFolder = archiveFolder;
            this.namesFile = namesFile;
            this.trainPrefix = trainPrefix;
            this.testFile = testFile;
            this.labelOffset = labelOffset;
        }
    }

    private final Path input;
    private final Variant variant;
    private final ImportOptions options;

    CifarImporter(Path input, Variant variant, ImportOptions options) {
        this.input = input;
        this.variant = variant;
        this.options = options;
    }

    @Override
    public ImportReport importTo(String output, Configuration conf) throws IOException {
        Path folder =
                Files.isDirectory(input.resolve(variant.archiveFolder)) ? input.resolve(variant.archiveFolder) : input;
        if (!Files.isDirectory(folder)) {
            throw new IOException("CIFAR input " + input + " is not a readable folder");
        }
        Path namesFile = folder.resolve(variant.namesFile);
        if (!Files.isRegularFile(namesFile)) {
            throw new IOException("CIFAR folder " + folder + " has no " + variant.namesFile
                    + " (the class names file of the " + variant.archiveFolder + " archive)");
        }
        List<String> names = Files.readAllLines(namesFile).stream()
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .toList();
        List<Path> train;
        try (Stream<Path> files = Files.list(folder)) {
            train = files.filter(f -> f.getFileName().toString().startsWith(variant.trainPrefix)
                            && f.getFileName().toString().endsWith(".bin"))
                    .sorted()
                    .toList();
        }
        if (train.isEmpty()) {
            throw new IOException("CIFAR folder " + folder + " has no " + variant.trainPrefix + "*.bin training files");
        }
        SplitCarve carve = options.carve().forMissing(false, true);
        DatasetMetadata metadata = DatasetMetadata.of(names).withCarve(carve);
        try (DatasetWriter writer =
                new DatasetWriter("CIFAR folder " + folder, output, conf, metadata, options, carve)) {
            long bytes = Files.size(folder.resolve(variant.testFile));
            for (Path f : train) {
                bytes += Files.size(f);
            }
            writer.expect(bytes / (variant.labelOffset + 1 + 3 * PIXELS));
            for (Path f : train) {
                addRecords(f, DatasetSplits.TRAIN, writer);
            }
            addRecords(folder.resolve(variant.testFile), DatasetSplits.TEST, writer);
            return writer.commit();
        }
    }

    private void addRecords(Path file, String split, DatasetWriter writer) throws IOException {
        int recordSize = variant.labelOffset + 1 + 3 * PIXELS;
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new IOException("CIFAR file " + file + " is missing or unreadable");
        }
        long size = Files.size(file);
        if (size == 0 || size % recordSize != 0) {
            throw new IOException(file + " is " + size + " bytes, not a whole number of "
                    + recordSize + "-byte CIFAR records; the file is truncated or not "
                    + variant.archiveFolder);
        }
        byte[] record = new byte[recordSize];
        try (InputStream in = Files.newInputStream(file)) {
            DataInputStream data = new DataInputStream(in);
            for (long i = 0; i < size / recordSize; i++) {
                try {
                    data.readFully(record);
                } catch (EOFException e) {
                    throw new IOException(file + " ended inside record " + i, e);
                }
                String name = file.getFileName() + "-" + i + ".png";
                writer.add(
                        split,
                        new ImageRow(png(record), name, record[variant.labelOffset] & 0xff),
                        file + " record " + i);
            }
        }
    }

    // Records hold the red plane, then green, then blue, each row-major.
    private byte[] png(byte[] record) throws IOException {
        int base = variant.labelOffset + 1;
        BufferedImage image = new BufferedImage(SIDE, SIDE, BufferedImage.TYPE_INT_RGB);
        for (int p = 0; p < PIXELS; p++) {
            int r = record[base + p] & 0xff;
            int g = record[base + PIXELS + p] & 0xff;
            int b = record[base + 2 * PIXELS + p] & 0xff;
            image.setRGB(p % SIDE, p / SIDE, r << 16 | g << 8 | b);
        }
        return PngBytes.of(image);
    }
}
