package munet.data;

import java.io.IOException;
import java.util.HashSet;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.hadoop.ParquetFileReader;

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
            writer.expect(rows(reader.layout(), conf));
            for (String split : DatasetSplits.ALL) {
                reader.forEach(split, (row, origin) -> writer.add(split, row, origin));
            }
            return writer.commit();
        }
    }

    /** Rows of every file of the table, from the footers (a file mixing splits counts once). */
    private static long rows(DatasetLayout layout, Configuration conf) throws IOException {
        Set<Path> files = new HashSet<>();
        layout.filesBySplit().values().forEach(files::addAll);
        long rows = 0;
        for (Path file : files) {
            try (ParquetFileReader footer = DatasetLayout.footer(file, conf)) {
                rows += footer.getRecordCount();
            }
        }
        return rows;
    }
}
