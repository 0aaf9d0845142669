package munet.store;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.example.GroupReadSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.schema.MessageType;

/**
 * Whole-file Parquet reads and writes of example {@link Group} rows, the store's small tables.
 * Every failure names the file, so a truncated or foreign file is reported as such.
 */
final class ParquetFiles {
  private ParquetFiles() {}

  static SimpleGroupFactory rows(MessageType schema) {
    return new SimpleGroupFactory(schema);
  }

  /** Writes {@code rows} to {@code file}, replacing any file already there. */
  static void write(FileSystem fs, Path file, MessageType schema, List<Group> rows) throws IOException {
    try (ParquetWriter<Group> writer = ExampleParquetWriter.builder(fs.makeQualified(file))
        .withConf(fs.getConf())
        .withType(schema)
        .withCompressionCodec(CompressionCodecName.SNAPPY)
        .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
        .build()) {
      for (Group row : rows) {
        writer.write(row);
      }
    } catch (IOException | RuntimeException e) {
      throw new IOException("cannot write Parquet file " + file + ": " + e.getMessage(), e);
    }
  }

  /** Every row of {@code file}. */
  static List<Group> read(FileSystem fs, Path file) throws IOException {
    if (!fs.exists(file)) {
      throw new IOException("Parquet file " + file + " is missing");
    }
    Configuration conf = fs.getConf();
    List<Group> rows = new ArrayList<>();
    try (ParquetReader<Group> reader = ParquetReader.builder(new GroupReadSupport(), fs.makeQualified(file))
        .withConf(conf)
        .build()) {
      for (Group row = reader.read(); row != null; row = reader.read()) {
        rows.add(row);
      }
    } catch (IOException | RuntimeException e) {
      throw new IOException("cannot read Parquet file " + file + " (corrupt or truncated?): " + e.getMessage(), e);
    }
    return rows;
  }

  /** A string field of a row, or null when the optional field is absent. */
  static String optionalString(Group row, String field) {
    return row.getFieldRepetitionCount(field) == 0 ? null : row.getString(field, 0);
  }

  /** Every value of a repeated string field, in order. */
  static List<String> strings(Group row, String field) {
    int count = row.getFieldRepetitionCount(field);
    List<String> values = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      values.add(row.getString(field, i));
    }
    return values;
  }
}
