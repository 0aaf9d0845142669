package munet.data;

import java.io.Closeable;
import java.io.IOException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a task dataset: one folder per split with one Parquet file each, plus
 * {@code dataset.json}. Everything goes to a hidden staging folder beside the destination, which
 * is renamed into place by {@link #commit()} only after every row passed its checks; a failed or
 * abandoned write ({@link #close()} without commit) deletes the staging folder, so bad input
 * leaves nothing behind. Works on any Hadoop file system (local, HDFS, S3A).
 */
public final class DatasetWriter implements Closeable {
    private static final Logger LOG = LoggerFactory.getLogger(DatasetWriter.class);
    private final String source;
    private final String destinationName;
    private final Path destination;
    private final Path staging;
    private final FileSystem fs;
    private final Configuration conf;
    private final DatasetMetadata metadata;
    private final ImportOptions options;
    private final SplitCarve carveTrain;
    private final ImageDecoder decoder;
    private final Map<String, ImageTable> tables = new HashMap<>();
    private final Map<String, Long> counts = new LinkedHashMap<>();
    private ProgressLine progress;
    private long trainIndex;
    private long skipped;
    private boolean committed;

    /**
     * Starts a dataset at {@code destination} (which must not exist) from {@code source} (named in
     * errors, e.g. "image folder /data/pets"). When {@code carveTrain} is not null, rows added to
     * {@code train} are distributed by it to the splits it carves.
     */
    public DatasetWriter(
            String source,
            String destination,
            Configuration conf,
            DatasetMetadata metadata,
            ImportOptions options,
            SplitCarve carveTrain)
            throws IOException {
        this.source = source;
        this.destinationName = destination;
        this.carveTrain = carveTrain;
        this.conf = conf;
        this.fs = new Path(destination).getFileSystem(conf);
        // Qualified, so that a relative destination still has a parent to stage beside.
        this.destination = fs.makeQualified(new Path(destination));
        if (fs.exists(this.destination)) {
            throw new IOException(
                    "output " + destination + " already exists; choose a new folder " + "or delete it first");
        }
        Path parent = this.destination.getParent();
        this.staging = new Path(parent, "." + this.destination.getName() + ".staging-" + UUID.randomUUID());
        this.metadata = metadata;
        this.options = options;
        this.decoder = new ImageDecoder(options.maxPixels());
        DatasetSplits.ALL.forEach(s -> counts.put(s, 0L));
    }

    /** Says how many rows the source has, so that adding them logs progress (one line per tenth). */
    public void expect(long rows) {
        progress = new ProgressLine("import of " + source, "images", rows, System::nanoTime, LOG::info);
    }

    /**
     * Checks and stores one row of {@code split}; {@code origin} names its file or row in errors.
     * A JPEG that its EXIF orientation turns is stored as a PNG of its upright pixels ({@link
     * ImageDecoder#upright}). Returns false when the row was a corrupt image skipped on request.
     */
    public boolean add(String split, ImageRow row, String origin) throws IOException {
        DatasetSplits.require(split);
        if (progress != null) {
            progress.advance(1);
        }
        if (row.label() < 0 || row.label() >= metadata.numClasses()) {
            throw new IllegalArgumentException(origin + ": label " + row.label() + " is outside [0, "
                    + metadata.numClasses() + ") for the " + metadata.numClasses() + " classes");
        }
        ImageRow stored = row;
        try {
            byte[] upright = decoder.upright(row.bytes(), origin);
            if (upright != row.bytes()) {
                stored = new ImageRow(upright, row.path(), row.label());
            }
            decoder.decode(stored.bytes(), (int) row.label(), origin);
        } catch (ImageDecoder.CorruptImageException e) {
            if (!options.skipCorrupt()) {
                throw new ImageDecoder.CorruptImageException(
                        e.getMessage() + "; fix or remove it, or pass --skip-corrupt to skip corrupt images");
            }
            skipped++;
            return false;
        }
        String target = split;
        if (carveTrain != null && split.equals(DatasetSplits.TRAIN)) {
            target = carveTrain.splitOf(trainIndex++);
        }
        table(target).write(stored);
        counts.merge(target, 1L, Long::sum);
        return true;
    }

    /** Checks that no split is empty, writes the metadata and moves the dataset into place. */
    public ImportReport commit() throws IOException {
        for (Map.Entry<String, Long> c : counts.entrySet()) {
            if (c.getValue() == 0 && carved(c.getKey())) {
                throw new IllegalArgumentException(tooSmallToCarve(c.getKey()));
            }
            if (c.getValue() == 0) {
                throw new IllegalArgumentException("split '" + c.getKey() + "' of " + source
                        + " is empty" + (skipped > 0 ? " after skipping " + skipped + " corrupt images" : "")
                        + "; every dataset needs train, validation and test images (nothing was written to "
                        + destinationName + ")");
            }
        }
        for (ImageTable t : tables.values()) {
            t.close();
        }
        tables.clear();
        metadata.writeTo(fs, staging);
        if (!fs.rename(staging, destination)) {
            throw new IOException("could not move " + staging + " to " + destination + " (does it exist now?)");
        }
        committed = true;
        return new ImportReport(destinationName, counts, skipped);
    }

    private boolean carved(String split) {
        return carveTrain != null
                && (split.equals(DatasetSplits.VALIDATION) && carveTrain.validationFraction() > 0
                        || split.equals(DatasetSplits.TEST) && carveTrain.testFraction() > 0);
    }

    /**
     * Why a carved split came out empty: the train images are too few for the carved fractions.
     * A fraction f takes about one image per class from 1/f images per class.
     */
    private String tooSmallToCarve(String split) {
        double smallest = Math.min(
                carveTrain.validationFraction() > 0 ? carveTrain.validationFraction() : 1,
                carveTrain.testFraction() > 0 ? carveTrain.testFraction() : 1);
        long perClass = (long) Math.ceil(1 / smallest);
        return String.format(
                java.util.Locale.ROOT,
                "split '%s' of %s came out empty: it is carved from train (%.0f%% for validation, %.0f%% for test,"
                        + " munet.data.carve) and train has %d images for %d classes; carving needs about %d images"
                        + " per class or more (%d in all), or bring the split yourself (nothing was written to %s)",
                split,
                source,
                100 * carveTrain.validationFraction(),
                100 * carveTrain.testFraction(),
                trainIndex,
                metadata.numClasses(),
                perClass,
                perClass * metadata.numClasses(),
                destinationName);
    }

    private ImageTable table(String split) throws IOException {
        ImageTable t = tables.get(split);
        if (t == null) {
            t = new ImageTable(new Path(new Path(staging, split), ImageTable.FILE_NAME), conf, metadata);
            tables.put(split, t);
        }
        return t;
    }

    @Override
    public void close() throws IOException {
        if (committed) {
            return;
        }
        for (ImageTable t : tables.values()) {
            try {
                t.close();
            } catch (IOException | RuntimeException ignored) {
                // the staging folder is deleted below; a half-written file does not matter
            }
        }
        fs.delete(staging, true);
    }
}
