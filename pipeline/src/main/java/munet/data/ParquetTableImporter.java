package munet.data;

import java.io.IOException;
import org.apache.hadoop.conf.Configuration;

/**
 * Imports an existing Parquet table in any layout {@link DatasetReader} accepts (split folders,
 * Hugging Face Hub files, a split column), checking every row, into the standard layout.
 */
final class ParquetTableImporter implements DatasetImporter {
    private final String input;
    private final ImportOptions options;

    ParquetTableImporter(String input, ImportOptions options) {
        this.input = input;
        this.options = options;
    }

    @Override
    public ImportReport importTo(String output, Configuration conf) throws IOException {
        DatasetReader reader = DatasetReader.open(input, conf, options.carve());
        DatasetMetadata source = reader.metadata();
        DatasetMetadata target = new DatasetMetadata(source.classNames(), "image", "label", source.carve());
        // The reader already carves missing splits; the writer stores rows where they are read.
        try (DatasetWriter writer = new DatasetWriter("Parquet table " + input, output, conf, target, options, null)) {
            for (String split : DatasetSplits.ALL) {
                reader.forEach(split, (row, origin) -> writer.add(split, row, origin));
            }
            return writer.commit();
        }
    }
}
