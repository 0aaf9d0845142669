package munet.data;

import java.io.IOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;

/**
 * Streams the rows of a task dataset without Spark. Accepts the layouts a dataset comes in:
 * one folder per split ({@code train/*.parquet}), Hugging Face Hub file names
 * ({@code data/train-00000-of-00001.parquet}), or Parquet files with a {@code split} column.
 * Class names come from {@code dataset.json}, else from the {@code huggingface} footer. A missing
 * validation (or test) split is carved from train by the given {@link SplitCarve}.
 */
public final class DatasetReader {
    private final Configuration conf;
    private final DatasetMetadata metadata;
    private final DatasetLayout layout;
    private final SplitCarve carve;

    private DatasetReader(Configuration conf, DatasetMetadata metadata, DatasetLayout layout, SplitCarve carve) {
        this.carve = carve;
        this.conf = conf;
        this.metadata = metadata;
        this.layout = layout;
    }

    /** Receives each row with a description of where it came from (file and row number). */
    @FunctionalInterface
    public interface RowConsumer {
        void accept(ImageRow row, String origin) throws IOException;
    }

    public static DatasetReader open(String uri, Configuration conf, SplitCarve carveIfMissing) throws IOException {
        Path root = new Path(uri);
        FileSystem fs = root.getFileSystem(conf);
        if (!fs.exists(root)) {
            throw new IOException("dataset " + uri + " does not exist");
        }
        DatasetLayout layout = DatasetLayout.discover(fs, root, conf);
        DatasetMetadata metadata = readMetadata(fs, root, layout);
        SplitCarve carve =
                carveIfMissing.forMissing(layout.has(DatasetSplits.VALIDATION), layout.has(DatasetSplits.TEST));
        if (!layout.has(DatasetSplits.TRAIN)) {
            throw new IOException("dataset " + uri + " has no train split");
        }
        return new DatasetReader(conf, carve == null ? metadata : metadata.withCarve(carve), layout, carve);
    }

    /**
     * Class names, columns, and the carve that made this dataset's missing splits (recorded at
     * import, or applied by this reader), if any.
     */
    public DatasetMetadata metadata() {
        return metadata;
    }

    /** The Parquet files holding {@code split} and whether rows must be filtered by split column. */
    public DatasetLayout layout() {
        return layout;
    }

    /** True when this reader makes {@code split} by carving train rather than reading its files. */
    public boolean carves(String split) {
        return carve != null && (!layout.has(split) || split.equals(DatasetSplits.TRAIN));
    }

    public void forEach(String split, RowConsumer consumer) throws IOException {
        DatasetSplits.require(split);
        if (!carves(split)) {
            scan(split, consumer);
            return;
        }
        long[] trainIndex = {0};
        scan(DatasetSplits.TRAIN, (row, origin) -> {
            if (carve.splitOf(trainIndex[0]++).equals(split)) {
                consumer.accept(row, origin);
            }
        });
    }

    private void scan(String split, RowConsumer consumer) throws IOException {
        for (Path file : layout.files(split)) {
            try (ParquetReader<Group> reader = DatasetLayout.rows(file, conf)) {
                long index = 0;
                for (Group g = next(reader, file, index); g != null; g = next(reader, file, ++index)) {
                    String origin = file + " row " + index;
                    if (layout.splitColumn() && !split.equals(g.getString(DatasetLayout.SPLIT_COLUMN, 0))) {
                        continue;
                    }
                    ImageRow row;
                    try {
                        row = row(g, file, origin);
                    } catch (RuntimeException e) {
                        throw new IOException(
                                origin + ": not an image row (" + e.getMessage() + "); expected "
                                        + "columns " + metadata.imageColumn() + " struct<bytes, path> and "
                                        + metadata.labelColumn() + " integer",
                                e);
                    }
                    consumer.accept(row, origin);
                }
            }
        }
    }

    private static Group next(ParquetReader<Group> reader, Path file, long index) throws IOException {
        try {
            return reader.read();
        } catch (RuntimeException e) {
            throw new IOException(file + " row " + index + ": unreadable Parquet (" + e.getMessage() + ")", e);
        }
    }

    /** The row's image and label; a runtime exception here means the row has the wrong shape. */
    private ImageRow row(Group g, Path file, String origin) throws IOException {
        Group image = g.getGroup(metadata.imageColumn(), 0);
        String path = image.getFieldRepetitionCount("path") > 0 ? image.getString("path", 0) : null;
        if (g.getFieldRepetitionCount(metadata.labelColumn()) == 0) {
            throw new IllegalArgumentException("the label is missing");
        }
        PrimitiveTypeName labelType =
                g.getType().getType(metadata.labelColumn()).asPrimitiveType().getPrimitiveTypeName();
        long label = labelType == PrimitiveTypeName.INT64
                ? g.getLong(metadata.labelColumn(), 0)
                : g.getInteger(metadata.labelColumn(), 0);
        byte[] bytes = image.getFieldRepetitionCount("bytes") > 0
                ? image.getBinary("bytes", 0).getBytes()
                : ReferencedImage.read(file.getParent(), path, conf, origin);
        return new ImageRow(bytes, path, label);
    }

    private static DatasetMetadata readMetadata(FileSystem fs, Path root, DatasetLayout layout) throws IOException {
        Path json = new Path(root, DatasetMetadata.FILE_NAME);
        if (fs.exists(json)) {
            return DatasetMetadata.read(fs, json);
        }
        Path first = layout.anyFile();
        try (ParquetFileReader reader = DatasetLayout.footer(first, fs.getConf())) {
            String hf =
                    reader.getFooter().getFileMetaData().getKeyValueMetaData().get(DatasetMetadata.HUGGINGFACE_KEY);
            if (hf == null) {
                throw new IOException("dataset " + root + " has no class names: add a " + DatasetMetadata.FILE_NAME
                        + " or a 'huggingface' footer to " + first);
            }
            return DatasetMetadata.fromHuggingFaceJson(hf, first.toString());
        }
    }
}
